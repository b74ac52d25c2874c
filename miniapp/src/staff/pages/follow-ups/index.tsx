import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { FollowUp } from '@vip-club/shared';
import { useEffect, useRef, useState } from 'react';
import { Chips } from '../../../components/chips';
import { LoadMore } from '../../../components/load-more';
import { useNextPage } from '../../../hooks/use-next-page';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT, type MessageKey } from '../../../i18n';
import { clubShortDateTime } from '../../../lib/club-time';
import { friendlyError } from '../../../lib/errors';
import { printMemberNo } from '../../../lib/format';
import { serverUrl } from '../../../lib/request';
import { ROUTES } from '../../../routes';
import { listFollowUps, resolveFollowUp, respondToFollowUp } from '../../../services/follow-ups.service';
import { listStores } from '../../../services/store.service';
import { useSessionStore } from '../../../stores/session.store';
import '../staff.scss';
import './index.scss';

type Step = 'first-response' | 'resolution';

interface NoteSheet {
  followUp: FollowUp;
  step: Step;
  note: string;
}

/** The countdown is read at a glance: re-rendered every half minute is plenty. */
const TICK_MS = 30_000;
/** A page of cards: a screenful several times over, the rest as the clerk scrolls. */
const PAGE_SIZE = 20;
/** The most cards the API gives at once (its largest `limit`). */
const MOST_AT_ONCE = 100;
const MINUTE = 60_000;

type T = ReturnType<typeof useT>;

/** "还剩 12 分钟", "还剩 2 小时 5 分钟", "已超时 8 分钟": the time to a deadline, in words. */
function timeLeft(t: T, dueAt: string, now: number): string {
  const ms = Date.parse(dueAt) - now;
  const minutes = Math.max(1, Math.ceil(Math.abs(ms) / MINUTE));
  const hours = Math.floor(minutes / 60);
  const span =
    hours === 0
      ? t('followUps.span.minutes', { minutes })
      : minutes % 60 === 0
        ? t('followUps.span.hours', { hours })
        : t('followUps.span.hoursMinutes', { hours, minutes: minutes % 60 });
  return ms >= 0 ? t('followUps.left', { span }) : t('followUps.late', { span });
}

/**
 * The tabs: open ones, the open ones the escalation job handed to the managers (their deadline passed),
 * and the resolved.
 */
const FOLLOW_UP_VIEWS = ['open', 'escalated', 'resolved'] as const;
type FollowUpView = (typeof FOLLOW_UP_VIEWS)[number];

/** A store's follow-ups of low ratings: who, what they said, both deadlines counting down, and the two steps. */
export default function StaffFollowUpsPage() {
  const t = useT();
  usePageChrome('followUps.title');
  const [status, setStatus] = useState<FollowUpView>('open');
  const [items, setItems] = useState<FollowUp[]>([]);
  // The next page of the tab shown; null when it is all here.
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const more = useNextPage();
  // A manager sees every boutique's: each card then names its boutique.
  const [storeNames, setStoreNames] = useState<Map<string, string> | null>(null);
  const [isLoaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [isVisible, setVisible] = useState(true);
  const [sheet, setSheet] = useState<NoteSheet | null>(null);
  const [sheetError, setSheetError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const busy = useRef(false);
  // Only the latest first-page read may fill the list: a tab tapped quickly after another must not get the
  // other's answer, and a next page asked for before a tab change or a refresh is dropped with it.
  const latestRead = useRef(0);
  // The next page of the cards shown, kept beside the state so a read can judge it at once: null while a
  // first page is on its way (a refresh must not be followed by a page of the list it replaces).
  const cursor = useRef<string | null>(null);

  const showCursor = (next: string | null) => {
    cursor.current = next;
    setNextCursor(next);
  };

  const read = (which: FollowUpView, after?: string, count = PAGE_SIZE) =>
    listFollowUps(which === 'resolved' ? 'resolved' : 'open', {
      escalated: which === 'escalated',
      limit: count,
      cursor: after,
    });

  /** Reads the tab from its start: a page, or `count` cards to keep as many as were shown. */
  const load = (which: FollowUpView, count = PAGE_SIZE) => {
    const sequence = ++latestRead.current;
    cursor.current = null;
    more.reset();
    const isLatest = () => sequence === latestRead.current;
    return read(which, undefined, count)
      .then((page) => {
        if (!isLatest()) return;
        setItems(page.items);
        showCursor(page.nextCursor);
        setError(null);
      })
      .catch((err: unknown) => {
        if (isLatest()) setError(friendlyError(err));
      })
      .finally(() => {
        if (isLatest()) setLoaded(true);
      });
  };

  const loadMore = () => {
    const after = cursor.current;
    if (!after) return;
    const sequence = latestRead.current;
    more.readNext(
      after,
      () => read(status, after),
      () => sequence === latestRead.current,
      (page) => {
        setItems((shown) => [...shown, ...page.items]);
        showCursor(page.nextCursor);
      },
    );
  };

  useDidShow(() => {
    setVisible(true);
    if (!useSessionStore.getState().staff) {
      void Taro.redirectTo({ url: ROUTES.staffLogin });
      return;
    }
    // Back from ringing the member (the club in the background) or from another page: the cards she had
    // scrolled to are read again, not only the first page, so she keeps her place in the list.
    void load(status, Math.min(MOST_AT_ONCE, Math.max(PAGE_SIZE, items.length)));
    if (useSessionStore.getState().staff?.role === 'manager' && !storeNames) {
      listStores()
        .then((stores) => setStoreNames(new Map(stores.map((s) => [s.id, s.name]))))
        .catch(() => undefined);
    }
  });
  useDidHide(() => setVisible(false));

  // Pulled down: the tab starts again from its first page, as if just opened.
  usePullDownRefresh(() => {
    void load(status).finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(loadMore);

  useEffect(() => {
    if (!isVisible) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [isVisible]);

  const show = (which: FollowUpView) => {
    setStatus(which);
    // The previous tab's cards go at once rather than sit under the new tab's name until its answer comes.
    setItems([]);
    showCursor(null);
    setError(null);
    more.reset();
    setLoaded(false);
    void load(which);
  };

  const save = async () => {
    if (!sheet || busy.current) return;
    const note = sheet.note.trim();
    if (!note) {
      setSheetError(t('followUps.note.missing'));
      return;
    }
    busy.current = true;
    setBusy(true);
    setSheetError(null);
    try {
      const saved =
        sheet.step === 'first-response'
          ? await respondToFollowUp(sheet.followUp.id, note)
          : await resolveFollowUp(sheet.followUp.id, note);
      setItems((list) =>
        status !== 'resolved' && saved.status === 'resolved'
          ? list.filter((f) => f.id !== saved.id)
          : list.map((f) => (f.id === saved.id ? saved : f)),
      );
      setSheet(null);
      void Taro.showToast({
        title: t(saved.status === 'resolved' ? 'followUps.resolved' : 'followUps.responded'),
        icon: 'none',
      });
    } catch (err) {
      setSheetError(friendlyError(err));
    } finally {
      busy.current = false;
      setBusy(false);
    }
  };

  return (
    <View className="page staff follow-ups">
      <Text className="eyebrow">{t('brand.house')}</Text>
      <Text className="title">{t('followUps.heading')}</Text>
      <Text className="lead">{t('followUps.lead')}</Text>

      <View className="follow-ups__tabs">
        <Chips
          options={FOLLOW_UP_VIEWS.map((s) => ({ value: s, label: t(`followUps.tab.${s}`) }))}
          selected={[status]}
          onToggle={show}
        />
      </View>

      {error ? <View className="banner-error">{error}</View> : null}
      {!isLoaded && !error ? <Text className="lead">{t('common.loading')}</Text> : null}
      {isLoaded && items.length === 0 && !error ? (
        <Text className="lead follow-ups__empty">{t(`followUps.empty.${status}`)}</Text>
      ) : null}

      {items.map((f) => (
        <FollowUpCard
          key={f.id}
          followUp={f}
          storeName={f.storeId ? storeNames?.get(f.storeId) : undefined}
          now={now}
          onStep={(step) => {
            setSheetError(null);
            setSheet({ followUp: f, step, note: '' });
          }}
        />
      ))}

      {nextCursor ? (
        <LoadMore label="followUps.more" isLoading={more.isLoading} error={more.error} onMore={loadMore} />
      ) : null}

      {sheet ? (
        <View className="sheet" data-sheet={sheet.step}>
          <View className="sheet__scrim" onClick={() => (isBusy ? undefined : setSheet(null))} />
          <View className="sheet__panel">
            <Text className="eyebrow">
              {t(sheet.step === 'first-response' ? 'followUps.respond' : 'followUps.resolve')}
            </Text>
            <Text className="sheet__name">{sheet.followUp.member.name}</Text>
            <Textarea
              className="follow-ups__note"
              value={sheet.note}
              maxlength={500}
              placeholder={t(
                sheet.step === 'first-response'
                  ? 'followUps.note.respond.placeholder'
                  : 'followUps.note.resolve.placeholder',
              )}
              onInput={(e) => setSheet({ ...sheet, note: e.detail.value })}
            />
            {sheet.step === 'resolution' ? (
              <Text className="sheet__after">{t('followUps.note.resolve.hint')}</Text>
            ) : null}
            {sheetError ? <View className="banner-error">{sheetError}</View> : null}
            <Button
              className="btn-primary sheet__ok"
              onClick={() => void save()}
              disabled={isBusy || undefined}
            >
              {t('followUps.save')}
            </Button>
            <Button className="btn-quiet" onClick={() => setSheet(null)} disabled={isBusy || undefined}>
              {t('followUps.cancel')}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

const SUBJECT_KEYS: Record<FollowUp['subject'], MessageKey> = {
  store: 'feedback.subject.store',
  purchase: 'feedback.subject.purchase',
  event: 'feedback.subject.event',
  other: 'feedback.subject.other',
};

interface FollowUpCardProps {
  followUp: FollowUp;
  /** Shown to managers, who see every boutique's. */
  storeName?: string;
  now: number;
  onStep: (step: Step) => void;
}

function FollowUpCard({ followUp: f, storeName, now, onStep }: FollowUpCardProps) {
  const t = useT();
  const isOpen = f.status === 'open';
  const firstLate = isOpen && !f.firstRespondedAt && Date.parse(f.firstResponseDueAt) < now;
  const isLate = isOpen && (f.isOverdue || Date.parse(f.resolveDueAt) < now);
  const photo = f.photoUrl ? serverUrl(f.photoUrl) : null;
  return (
    <View
      className={`card-surface follow-ups__item${isLate || firstLate ? ' follow-ups__item--late' : ''}`}
      data-follow-up={f.id}
      data-status={f.status}
      data-overdue={String(isLate)}
    >
      <View className="follow-ups__head">
        <Text className="follow-ups__name">{f.member.name}</Text>
        <Text className="follow-ups__no">{printMemberNo(f.member.memberNo)}</Text>
        {isLate ? (
          <Text className="follow-ups__badge follow-ups__badge--late">{t('followUps.overdue')}</Text>
        ) : null}
        {f.escalatedAt ? <Text className="follow-ups__badge">{t('followUps.escalated')}</Text> : null}
      </View>
      <Text className="follow-ups__meta">
        {storeName ? `${storeName} · ` : ''}
        {t(SUBJECT_KEYS[f.subject])} · {clubShortDateTime(f.openedAt)}
      </Text>
      <Text className="follow-ups__stars" data-rating={f.rating}>
        {'★'.repeat(f.rating)}
        <Text className="follow-ups__stars-off">{'★'.repeat(5 - f.rating)}</Text>
      </Text>
      {f.comment ? <Text className="follow-ups__comment">{f.comment}</Text> : null}
      {photo ? (
        <Image
          className="follow-ups__photo"
          src={photo}
          mode="aspectFill"
          data-photo={f.photoUrl ?? ''}
          onClick={() => void Taro.previewImage({ urls: [photo], current: photo })}
        />
      ) : null}

      <View className="follow-ups__deadlines">
        <View className="follow-ups__deadline" data-deadline="first-response">
          <Text className="follow-ups__deadline-label">{t('followUps.firstResponse')}</Text>
          {f.firstRespondedAt ? (
            <Text className="follow-ups__deadline-done">
              {t('followUps.respondedAt', { time: clubShortDateTime(f.firstRespondedAt) })}
            </Text>
          ) : (
            <Text
              className={`follow-ups__deadline-left${firstLate ? ' follow-ups__deadline-left--late' : ''}`}
            >
              {t('followUps.dueAt', { time: clubShortDateTime(f.firstResponseDueAt) })} ·{' '}
              {timeLeft(t, f.firstResponseDueAt, now)}
            </Text>
          )}
        </View>
        <View className="follow-ups__deadline" data-deadline="resolution">
          <Text className="follow-ups__deadline-label">{t('followUps.resolution')}</Text>
          {f.resolvedAt ? (
            <Text className="follow-ups__deadline-done">
              {t('followUps.resolvedAt', { time: clubShortDateTime(f.resolvedAt) })}
            </Text>
          ) : (
            <Text className={`follow-ups__deadline-left${isLate ? ' follow-ups__deadline-left--late' : ''}`}>
              {t('followUps.dueAt', { time: clubShortDateTime(f.resolveDueAt) })} ·{' '}
              {timeLeft(t, f.resolveDueAt, now)}
            </Text>
          )}
        </View>
      </View>

      {f.firstResponseNote ? (
        <Text className="follow-ups__note-shown">
          {t('followUps.note.responded', { note: f.firstResponseNote })}
        </Text>
      ) : null}
      {f.resolutionNote ? (
        <Text className="follow-ups__note-shown">
          {t('followUps.note.resolved', { note: f.resolutionNote })}
        </Text>
      ) : null}

      {isOpen ? (
        <View className="follow-ups__actions">
          {!f.firstRespondedAt ? (
            <Button
              className="btn-ghost follow-ups__action"
              data-action="respond"
              onClick={() => onStep('first-response')}
            >
              {t('followUps.respond')}
            </Button>
          ) : null}
          <Button
            className="btn-primary follow-ups__action"
            data-action="resolve"
            onClick={() => onStep('resolution')}
          >
            {t('followUps.resolve')}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
