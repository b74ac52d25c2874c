import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import {
  MemberLookupQuerySchema,
  type MemberLookupQuery,
  type MemberSummary,
  type Store,
} from '@vip-club/shared';
import { useState } from 'react';
import { Field } from '../../../components/field';
import { StaffRow } from '../../../components/staff-row';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { friendlyError } from '../../../lib/errors';
import { formatDate, formatPoints, printMemberNo } from '../../../lib/format';
import { canScan, scanCode } from '../../../lib/scan';
import { ROUTES } from '../../../routes';
import { lookupMember } from '../../../services/staff.service';
import { listStores } from '../../../services/store.service';
import { useSessionStore } from '../../../stores/session.store';
import '../staff.scss';

/** A page for the member just found, carrying what it shows so it needs no second lookup. */
function memberUrl(route: string, member: MemberSummary): string {
  return `${route}?memberId=${member.id}&memberNo=${member.memberNo}&name=${encodeURIComponent(member.name)}`;
}

export default function StaffLookupPage() {
  const t = useT();
  usePageChrome('staff.lookup.title');
  const staff = useSessionStore((s) => s.staff);
  const staffLogout = useSessionStore((s) => s.staffLogout);
  const [cardCode, setCardCode] = useState('');
  const [phone, setPhone] = useState('');
  const [member, setMember] = useState<MemberSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [stores, setStores] = useState<Store[]>([]);

  useDidShow(() => {
    if (!useSessionStore.getState().staff) {
      Taro.redirectTo({ url: ROUTES.staffLogin });
      return;
    }
    listStores()
      .then(setStores)
      .catch(() => undefined);
  });

  const storeName = (id: string | null) => stores.find((s) => s.id === id)?.name ?? id ?? '—';

  const find = async (query: MemberLookupQuery) => {
    setError(null);
    setMember(null);
    if (!MemberLookupQuerySchema.safeParse(query).success) {
      setError(query.phone !== undefined ? t('join.error.phone') : t('staff.lookup.empty'));
      return;
    }
    setBusy(true);
    try {
      setMember(await lookupMember(query));
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    const code = cardCode.trim();
    const digits = phone.trim();
    if (code) void find({ cardCode: code });
    else if (digits) void find({ phone: digits });
    else setError(t('staff.lookup.empty'));
  };

  const scan = async () => {
    try {
      const code = await scanCode();
      setCardCode(code);
      setPhone('');
      await find({ cardCode: code });
    } catch {
      // The clerk closed the scanner: nothing to say.
    }
  };

  const signOut = () => {
    staffLogout();
    Taro.redirectTo({ url: ROUTES.staffLogin });
  };

  return (
    <View className="page staff">
      <View className="staff__who">
        <Text>
          {staff
            ? t('staff.signedInAs', { role: t(`staff.role.${staff.role}`), store: storeName(staff.storeId) })
            : ''}
        </Text>
        <Text className="staff__who-link" onClick={signOut}>
          {t('staff.logout')}
        </Text>
      </View>
      <Text className="title">{t('staff.lookup.title')}</Text>
      <View className="hairline" />

      {canScan ? (
        <Button className="btn-primary staff__scan" onClick={scan}>
          {t('staff.lookup.scan')}
        </Button>
      ) : null}

      <Field name="cardCode" label={t('staff.lookup.code')}>
        <Input
          className="input"
          name="cardCode"
          value={cardCode}
          maxlength={256}
          placeholder={t('staff.lookup.code.placeholder')}
          placeholderClass="placeholder"
          onInput={(e) => setCardCode(e.detail.value)}
          onConfirm={submit}
        />
      </Field>
      <Field name="phone" label={t('staff.lookup.phone')}>
        <Input
          className="input"
          name="phone"
          type="number"
          value={phone}
          maxlength={11}
          placeholder={t('staff.lookup.phone.placeholder')}
          placeholderClass="placeholder"
          onInput={(e) => setPhone(e.detail.value.replace(/\D/g, ''))}
          onConfirm={submit}
        />
      </Field>

      {error ? (
        <View className="banner-error" data-error="lookup">
          {error}
        </View>
      ) : null}

      <Button
        className={`${canScan ? 'btn-ghost' : 'btn-primary'} staff__submit`}
        onClick={submit}
        disabled={isBusy || undefined}
      >
        {t('staff.lookup.submit')}
      </Button>

      {member ? (
        <View className="card-surface staff__result" data-member-no={member.memberNo}>
          <View className="staff__result-head">
            <Text className="staff__result-name">{member.name}</Text>
            <Text className={`staff__badge staff__badge--${member.tier}`}>{t(`tier.${member.tier}`)}</Text>
          </View>
          <StaffRow label={t('home.memberNo')}>{printMemberNo(member.memberNo)}</StaffRow>
          <StaffRow label={t('home.points')}>{formatPoints(member.points)}</StaffRow>
          <StaffRow label={t('profile.phone')}>{member.phone ?? '—'}</StaffRow>
          <StaffRow label={t('profile.birthday')}>{member.birthday ?? '—'}</StaffRow>
          <StaffRow label={t('staff.lookup.joinedAt')}>{formatDate(member.joinedAt)}</StaffRow>
        </View>
      ) : null}

      {member ? (
        <View className="staff__actions">
          <Button
            className="btn-primary staff__action"
            data-action="purchase"
            onClick={() => Taro.navigateTo({ url: memberUrl(ROUTES.staffPurchase, member) })}
          >
            {t('staff.action.purchase')}
          </Button>
          <Button
            className="btn-ghost staff__action"
            data-action="fulfil"
            onClick={() => Taro.navigateTo({ url: ROUTES.staffFulfil })}
          >
            {t('staff.action.fulfil')}
          </Button>
          {staff?.role === 'manager' ? (
            <Button
              className="btn-quiet staff__action"
              data-action="adjust"
              onClick={() => Taro.navigateTo({ url: memberUrl(ROUTES.managerAdjust, member) })}
            >
              {t('staff.action.adjust')}
            </Button>
          ) : null}
          {staff?.role === 'manager' || (staff && member.storeId === staff.storeId) ? (
            <Button
              className="btn-quiet staff__action"
              data-action="member-detail"
              onClick={() =>
                Taro.navigateTo({ url: `${ROUTES.staffMember}?memberId=${encodeURIComponent(member.id)}` })
              }
            >
              {t('clerkMember.open')}
            </Button>
          ) : null}
        </View>
      ) : (
        <Text
          className="staff__or"
          data-action="fulfil"
          onClick={() => Taro.navigateTo({ url: ROUTES.staffFulfil })}
        >
          {t('staff.action.fulfil')} ›
        </Text>
      )}

      <Text
        className="staff__or"
        data-link="check-in"
        onClick={() => Taro.navigateTo({ url: ROUTES.staffCheckIn })}
      >
        {t('eventsStaff.links.checkIn')} ›
      </Text>
      {staff?.role === 'clerk' ? (
        <Text
          className="staff__or"
          data-link="invite"
          onClick={() => Taro.navigateTo({ url: ROUTES.staffInvite })}
        >
          {t('eventsInvite.link')} ›
        </Text>
      ) : null}
      {staff?.role === 'manager' ? (
        <Text className="staff__or" onClick={() => Taro.navigateTo({ url: ROUTES.staffManage })}>
          {t('staff.manage.open')} ›
        </Text>
      ) : null}
      {staff?.role === 'manager' ? (
        <View className="staff__manager-links">
          <Text data-link="manager-overview" onClick={() => Taro.navigateTo({ url: ROUTES.managerOverview })}>
            {t('manager.links.overview')}
          </Text>
          <Text data-link="manager-rewards" onClick={() => Taro.navigateTo({ url: ROUTES.managerRewards })}>
            {t('manager.links.rewards')}
          </Text>
          <Text data-link="manager-rules" onClick={() => Taro.navigateTo({ url: ROUTES.managerRules })}>
            {t('manager.links.rules')}
          </Text>
          <Text data-link="manager-audit" onClick={() => Taro.navigateTo({ url: ROUTES.managerAudit })}>
            {t('manager.links.audit')}
          </Text>
          <Text data-link="manager-events" onClick={() => Taro.navigateTo({ url: ROUTES.managerEvents })}>
            {t('eventsStaff.links.events')}
          </Text>
        </View>
      ) : null}
      {staff?.role === 'manager' ? (
        <View className="staff__manager-links">
          <Text
            data-link="manager-greetings"
            onClick={() => Taro.navigateTo({ url: ROUTES.managerGreetingTemplates })}
          >
            {t('manager.links.greetings')}
          </Text>
          <Text
            data-link="manager-gifts"
            onClick={() => Taro.navigateTo({ url: ROUTES.managerBirthdayGifts })}
          >
            {t('manager.links.gifts')}
          </Text>
          <Text
            data-link="manager-activity"
            onClick={() => Taro.navigateTo({ url: ROUTES.managerClerkActivity })}
          >
            {t('manager.links.activity')}
          </Text>
          <Text data-link="manager-staff" onClick={() => Taro.navigateTo({ url: ROUTES.managerStaff })}>
            {t('manager.links.staff')}
          </Text>
          <Text
            data-link="manager-follow-ups"
            onClick={() => Taro.navigateTo({ url: ROUTES.staffFollowUps })}
          >
            {t('manager.links.followUps')}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
