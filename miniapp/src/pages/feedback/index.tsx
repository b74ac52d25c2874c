import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import {
  FEEDBACK_FOLLOW_UP_MAX_RATING,
  FEEDBACK_PHOTO_MAX_BYTES,
  FEEDBACK_SUBJECTS,
  FeedbackInputSchema,
  IdSchema,
  type Feedback,
  type FeedbackSubject,
  type Store,
} from '@vip-club/shared';
import { useRef, useState } from 'react';
import { Chips } from '../../components/chips';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT } from '../../i18n';
import { friendlyError } from '../../lib/errors';
import { decodedParam } from '../../lib/route-params';
import { ROUTES } from '../../routes';
import { giveFeedback, uploadFeedbackPhoto } from '../../services/feedback.service';
import { listStores } from '../../services/store.service';
import { useMemberStore } from '../../stores/member.store';
import './index.scss';

const STARS = [1, 2, 3, 4, 5] as const;
/** The word under the stars for each rating. */
const RATING_WORDS = [
  'feedback.rating.1',
  'feedback.rating.2',
  'feedback.rating.3',
  'feedback.rating.4',
  'feedback.rating.5',
] as const;
const MAX_COMMENT = 1000;

/** What the page was opened about: a purchase or an event comes named by the row that opened it. */
interface Preselected {
  subject: FeedbackSubject;
  refId?: string;
}

function preselectedFrom(params: Record<string, string | undefined>): Preselected {
  const subject = FEEDBACK_SUBJECTS.find((s) => s === decodedParam(params.subject));
  const refId = IdSchema.safeParse(decodedParam(params.refId));
  if (subject && subject !== 'other' && refId.success) return { subject, refId: refId.data };
  return { subject: 'store' };
}

interface Photo {
  /** The phone's own copy, shown while and after it uploads. */
  localPath: string;
  photoUrl?: string;
}

/** A member tells the club how it went: what about, 1–5 stars, a few words and a photo if they like. */
export default function FeedbackPage() {
  const t = useT();
  usePageChrome('feedback.title');
  const isMember = useMemberGuard();
  const me = useMemberStore((s) => s.me);
  const loadMe = useMemberStore((s) => s.loadMe);
  const [opened, setOpened] = useState<Preselected>({ subject: 'store' });
  const [subject, setSubject] = useState<FeedbackSubject>('store');
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [isUploading, setUploading] = useState(false);
  const [stores, setStores] = useState<Store[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<Feedback | null>(null);
  const [isSending, setSending] = useState(false);
  const busy = useRef(false);

  useLoad((params: Record<string, string | undefined>) => {
    const chosen = preselectedFrom(params);
    setOpened(chosen);
    setSubject(chosen.subject);
    listStores()
      .then(setStores)
      .catch(() => setStores([]));
    // The home store's name is a courtesy: the form works without it.
    if (!useMemberStore.getState().me) void loadMe().catch(() => undefined);
  });

  // Purchase and event need the one that opened the page; store and other are always offered.
  const subjects = FEEDBACK_SUBJECTS.filter(
    (s) => s === 'store' || s === 'other' || (s === opened.subject && opened.refId),
  );
  const refId = subject === opened.subject ? opened.refId : undefined;
  const storeId = subject === 'store' ? (refId ?? me?.storeId ?? null) : null;
  const storeName = stores.find((s) => s.id === storeId)?.name;

  const choosePhoto = async () => {
    if (isUploading) return;
    let localPath: string | undefined;
    let size: number | undefined;
    try {
      const picked = await Taro.chooseImage({
        count: 1,
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      localPath = picked.tempFilePaths[0];
      size = picked.tempFiles[0]?.size;
    } catch {
      // The member closed the picker: nothing to say.
      return;
    }
    if (!localPath) return;
    setError(null);
    if (size !== undefined && size > FEEDBACK_PHOTO_MAX_BYTES) {
      setError(t('feedback.photo.tooLarge'));
      return;
    }
    setPhoto({ localPath });
    setUploading(true);
    try {
      const uploaded = await uploadFeedbackPhoto(localPath);
      setPhoto({ localPath, photoUrl: uploaded.photoUrl });
    } catch (err) {
      setPhoto(null);
      setError(friendlyError(err));
    } finally {
      setUploading(false);
    }
  };

  const submit = async () => {
    if (busy.current) return;
    if (rating === 0) {
      setError(t('feedback.rating.missing'));
      return;
    }
    const input = FeedbackInputSchema.safeParse({
      subject,
      ...(subject === 'other' || (subject === 'store' && !refId) ? {} : { refId }),
      rating,
      comment,
      ...(photo?.photoUrl ? { photoUrl: photo.photoUrl } : {}),
    });
    if (!input.success) {
      setError(t('error.VALIDATION_FAILED'));
      return;
    }
    busy.current = true;
    setSending(true);
    setError(null);
    try {
      setSent(await giveFeedback(input.data));
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      busy.current = false;
      setSending(false);
    }
  };

  if (!isMember) return <View className="page" />;

  if (sent) {
    const isLow = sent.rating <= FEEDBACK_FOLLOW_UP_MAX_RATING;
    return (
      <View className="page feedback">
        <View className="card-surface feedback__thanks" data-result={isLow ? 'follow-up' : 'thanks'}>
          <Text className="feedback__seal">✦</Text>
          <Text className="title feedback__thanks-title">{t('feedback.thanks.title')}</Text>
          <Text className="lead feedback__thanks-lead">
            {isLow ? t('feedback.thanks.low') : t('feedback.thanks.high')}
          </Text>
          <Button className="btn-primary feedback__done" onClick={() => Taro.switchTab({ url: ROUTES.home })}>
            {t('feedback.done')}
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="page feedback">
      <Text className="eyebrow">{t('brand.house')}</Text>
      <Text className="title">{t('feedback.heading')}</Text>
      <Text className="lead">{t('feedback.lead')}</Text>

      <View className="card-surface feedback__form">
        <Text className="feedback__label">{t('feedback.subject')}</Text>
        <Chips
          options={subjects.map((s) => ({ value: s, label: t(`feedback.subject.${s}`) }))}
          selected={[subject]}
          onToggle={setSubject}
        />
        {storeName ? (
          <Text className="feedback__store" data-store={storeId ?? ''}>
            {storeName}
          </Text>
        ) : null}

        <Text className="feedback__label">{t('feedback.rating')}</Text>
        <View className="feedback__stars" data-rating={rating}>
          {STARS.map((n) => (
            <Text
              key={n}
              className={`feedback__star${n <= rating ? ' feedback__star--on' : ''}`}
              data-star={n}
              onClick={() => {
                setRating(n);
                setError(null);
              }}
            >
              ★
            </Text>
          ))}
        </View>
        <Text className="feedback__rating-word">{rating ? t(RATING_WORDS[rating - 1]) : ' '}</Text>

        <Text className="feedback__label">{t('feedback.comment')}</Text>
        <Textarea
          className="feedback__comment"
          value={comment}
          maxlength={MAX_COMMENT}
          placeholder={t('feedback.comment.placeholder')}
          onInput={(e) => setComment(e.detail.value)}
        />

        <Text className="feedback__label">{t('feedback.photo')}</Text>
        {photo ? (
          <View className="feedback__photo" data-photo={photo.photoUrl ? 'uploaded' : 'uploading'}>
            <Image className="feedback__photo-image" src={photo.localPath} mode="aspectFill" />
            <View className="feedback__photo-side">
              <Text className="feedback__hint">
                {photo.photoUrl ? t('feedback.photo.ready') : t('feedback.photo.uploading')}
              </Text>
              {photo.photoUrl ? (
                <Text className="feedback__photo-remove" onClick={() => setPhoto(null)}>
                  {t('feedback.photo.remove')}
                </Text>
              ) : null}
            </View>
          </View>
        ) : (
          <View className="feedback__add-photo" data-action="add-photo" onClick={() => void choosePhoto()}>
            <Text className="feedback__plus">+</Text>
            <Text className="feedback__hint">{t('feedback.photo.hint')}</Text>
          </View>
        )}
      </View>

      {error ? <View className="banner-error">{error}</View> : null}

      <Button
        className="btn-primary feedback__submit"
        onClick={() => void submit()}
        disabled={isSending || isUploading || undefined}
      >
        {isSending ? t('feedback.sending') : t('feedback.submit')}
      </Button>
    </View>
  );
}
