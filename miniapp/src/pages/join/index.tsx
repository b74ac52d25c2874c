import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { GENDERS, ReferralCodeSchema, type Gender, type Store } from '@vip-club/shared';
import { useMemo, useState } from 'react';
import { Chips } from '../../components/chips';
import { Field } from '../../components/field';
import { ToggleRow } from '../../components/toggle-row';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT } from '../../i18n';
import { INTERESTS } from '../../interests';
import { platformAuth } from '../../lib/auth';
import { friendlyError } from '../../lib/errors';
import { ApiError } from '../../lib/request';
import { decodedParam } from '../../lib/route-params';
import { ROUTES } from '../../routes';
import { listStores } from '../../services/store.service';
import { useMemberStore } from '../../stores/member.store';
import { forgetReferralCode, keepReferralCode, keptReferralCode } from '../../stores/referral.store';
import { useSessionStore } from '../../stores/session.store';
import { useSubscriptionsStore } from '../../stores/subscriptions.store';
import {
  EMPTY_DRAFT,
  clearErrorsFor,
  errorsFromServer,
  toJoinInput,
  validateJoin,
  type JoinDraft,
  type JoinErrors,
} from './join-form';
import './index.scss';

const isTypedPhone = platformAuth.phoneMethod === 'typed';
/** What a new member will hear from the club: invitations, reminders and their clerk's greetings. */
const JOIN_TEMPLATES = ['event_invitation', 'event_reminder', 'greeting'] as const;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export default function JoinPage() {
  const t = useT();
  usePageChrome('join.title');
  const join = useMemberStore((s) => s.join);
  const becameMember = useSessionStore((s) => s.becameMember);
  const askToSubscribe = useSubscriptionsStore((s) => s.ask);
  const [draft, setDraft] = useState<JoinDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<JoinErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [isSending, setSending] = useState(false);

  useLoad((params: Record<string, string | undefined>) => {
    // A shared link carries ?referralCode=; a WeChat mini-program code carries it as the scene.
    const fromLink = (decodedParam(params.referralCode) || decodedParam(params.scene)).trim();
    if (ReferralCodeSchema.safeParse(fromLink).success) keepReferralCode(fromLink);
    const code = keptReferralCode();
    if (code) setDraft((d) => ({ ...d, referralCode: code }));
    // A newcomer from a friend's link logs in at the door first, then comes back here.
    if (useSessionStore.getState().memberRole === null) {
      void Taro.reLaunch({ url: ROUTES.welcome });
      return;
    }
    listStores()
      .then(setStores)
      .catch(() => setStores([]));
  });

  const patch = (change: Partial<JoinDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    // A field the person is correcting stops showing its complaint.
    setErrors((e) => clearErrorsFor(e, change));
  };

  const genderOptions = useMemo(() => GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) })), [t]);
  const interestOptions = useMemo(
    () => INTERESTS.map((i) => ({ value: i.tag as string, label: t(i.label) })),
    [t],
  );
  const storeIndex = stores.findIndex((s) => s.id === draft.storeId);

  const submit = async () => {
    setBanner(null);
    const input = toJoinInput(draft, platformAuth.phoneCodeFromDigits, isTypedPhone);
    const found = validateJoin(draft, input, isTypedPhone);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    const joining = join(input).then((answer) => {
      forgetReferralCode();
      becameMember(answer);
      return answer;
    });
    // Asked in the tap, while WeChat still shows the dialog; recorded once the new member's token exists.
    // All three are the club's marketing: a member who declined it is not asked (the event page asks
    // for reminders when she registers).
    if (input.consent.marketing) void askToSubscribe(JOIN_TEMPLATES, joining);
    try {
      await joining;
      await Taro.switchTab({ url: ROUTES.home });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ALREADY_MEMBER') {
        await Taro.switchTab({ url: ROUTES.home });
        return;
      }
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED')
        setErrors(errorsFromServer(err.fieldErrors));
      setBanner(friendlyError(err));
    } finally {
      setSending(false);
    }
  };

  const birthdayLabel = draft.birthDate
    ? draft.isYearPrivate
      ? draft.birthDate.slice(5)
      : draft.birthDate
    : t('join.birthday.placeholder');

  return (
    <View className="page join">
      <Text className="eyebrow">{t('brand.house')}</Text>
      <Text className="title">{t('join.title')}</Text>
      <Text className="lead">{t('join.lead')}</Text>
      {draft.referralCode ? (
        <Text className="lead" data-referral={draft.referralCode}>
          {t('join.referral', { code: draft.referralCode })}
        </Text>
      ) : null}
      <View className="hairline" />

      <Field name="name" label={t('join.name')} error={errors.name && t(errors.name)}>
        <Input
          className={`input${errors.name ? ' input--error' : ''}`}
          name="name"
          value={draft.name}
          maxlength={40}
          placeholder={t('join.name.placeholder')}
          placeholderClass="placeholder"
          onInput={(e) => patch({ name: e.detail.value })}
        />
      </Field>

      <Field name="gender" label={t('join.gender')} error={errors.gender && t(errors.gender)}>
        <Chips<Gender>
          options={genderOptions}
          selected={draft.gender ? [draft.gender] : []}
          onToggle={(g) => patch({ gender: g })}
        />
      </Field>

      <Field
        name="birthday"
        label={t('join.birthday')}
        error={errors.birthday && t(errors.birthday)}
        hint={t('join.birthday.hint')}
      >
        <Picker
          mode="date"
          value={draft.birthDate || '1990-01-01'}
          start="1920-01-01"
          end={today()}
          onChange={(e) => patch({ birthDate: String(e.detail.value) })}
        >
          <View
            className={`input join__picker${errors.birthday ? ' input--error' : ''}`}
            data-picker="birthday"
          >
            <Text className={draft.birthDate ? '' : 'placeholder'}>{birthdayLabel}</Text>
          </View>
        </Picker>
        <ToggleRow
          name="birthday-year-private"
          label={t('join.birthday.noYear')}
          isOn={draft.isYearPrivate}
          onChange={(isYearPrivate) => patch({ isYearPrivate })}
        />
      </Field>

      <Field name="phone" label={t('join.phone')} error={errors.phone && t(errors.phone)}>
        {platformAuth.phoneMethod === 'wechat-button' ? (
          <Button
            className="btn-ghost"
            openType="getPhoneNumber"
            onGetPhoneNumber={(e) => patch({ platformPhoneCode: e.detail.code ?? '' })}
          >
            {draft.platformPhoneCode ? t('join.phone.granted') : t('join.phone.wechat')}
          </Button>
        ) : platformAuth.phoneMethod === 'alipay-button' ? (
          <Button
            className="btn-ghost"
            openType="getAuthorize"
            scope="phoneNumber"
            onGetAuthorize={() => {
              platformAuth
                .phoneCodeFromAuthorization()
                .then((code) => patch({ platformPhoneCode: code }))
                .catch((err: unknown) => setBanner(friendlyError(err)));
            }}
          >
            {draft.platformPhoneCode ? t('join.phone.granted') : t('join.phone.alipay')}
          </Button>
        ) : (
          <Input
            className={`input${errors.phone ? ' input--error' : ''}`}
            name="phone"
            type="number"
            maxlength={11}
            value={draft.phoneDigits}
            placeholder={t('join.phone.placeholder')}
            placeholderClass="placeholder"
            onInput={(e) => patch({ phoneDigits: e.detail.value.replace(/\D/g, '') })}
          />
        )}
      </Field>

      <Field name="interests" label={t('join.interests')} error={errors.interests && t(errors.interests)}>
        <Chips
          options={interestOptions}
          selected={draft.interests}
          onToggle={(k) =>
            patch({
              interests: draft.interests.includes(k)
                ? draft.interests.filter((i) => i !== k)
                : [...draft.interests, k],
            })
          }
        />
      </Field>

      {stores.length > 0 ? (
        <Field name="store" label={t('join.store')} error={errors.store && t(errors.store)}>
          <Picker
            mode="selector"
            range={stores.map((s) => `${s.name} · ${s.city}`)}
            value={storeIndex < 0 ? 0 : storeIndex}
            onChange={(e) => patch({ storeId: stores[Number(e.detail.value)]?.id ?? null })}
          >
            <View className="input join__picker" data-picker="store">
              <Text className={storeIndex < 0 ? 'placeholder' : ''}>
                {storeIndex < 0
                  ? t('join.store.placeholder')
                  : `${stores[storeIndex].name} · ${stores[storeIndex].city}`}
              </Text>
            </View>
          </Picker>
        </Field>
      ) : null}

      <View className="join__consent">
        <ToggleRow
          name="consent"
          label={t('join.consent')}
          isOn={draft.isMarketingOk}
          onChange={(isMarketingOk) => patch({ isMarketingOk })}
        />
      </View>

      {banner ? <View className="banner-error">{banner}</View> : null}

      <Button className="btn-primary join__submit" onClick={submit} disabled={isSending || undefined}>
        {isSending ? t('join.submitting') : t('join.submit')}
      </Button>
    </View>
  );
}
