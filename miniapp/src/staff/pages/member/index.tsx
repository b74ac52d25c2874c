import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { MemberContact, MemberPurchase } from '@vip-club/shared';
import { useState } from 'react';
import { StaffRow } from '../../../components/staff-row';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { clubShortDateTime, toClubDateTime } from '../../../lib/club-time';
import { friendlyError } from '../../../lib/errors';
import { formatDate, formatMoney, formatPoints, printMemberNo } from '../../../lib/format';
import { interestLabelKey } from '../../../interests';
import { ROUTES } from '../../../routes';
import { useClerkStore } from '../../../stores/clerk.store';
import { useSessionStore } from '../../../stores/session.store';
import { Deliveries } from './deliveries';
import '../staff.scss';
import './index.scss';

/** Enough purchases to know the member's taste; the till keeps the rest. */
const PURCHASES_SHOWN = 5;

function PurchaseRow({ purchase }: { purchase: MemberPurchase }) {
  const t = useT();
  return (
    <StaffRow
      className="member__purchase"
      data-order-no={purchase.orderNo}
      label={`${toClubDateTime(purchase.occurredAt).date} · ${purchase.orderNo}`}
    >
      {formatMoney(purchase.amount)}
      {purchase.refundedAmount > 0
        ? ` · ${t('clerkMember.refunded', { amount: formatMoney(purchase.refundedAmount) })}`
        : ''}
    </StaffRow>
  );
}

function ContactItem({ contact }: { contact: MemberContact }) {
  const t = useT();
  return (
    <View className="card-surface member__contact" data-contact-id={contact.id}>
      <View className="member__contact-head">
        <Text className="member__contact-who">{contact.staffName || '—'}</Text>
        <Text className="member__contact-purpose">{t(`greet.purpose.${contact.purpose}`)}</Text>
        <Text className="member__contact-at">{clubShortDateTime(contact.at)}</Text>
      </View>
      <Text className="member__contact-text">{contact.text}</Text>
      <Deliveries deliveries={contact.deliveries} />
    </View>
  );
}

/** One member as their clerk sees them: the card, what they bought, and every word the club sent. */
export default function StaffMemberPage() {
  const t = useT();
  usePageChrome('clerkMember.title');
  const { params } = useRouter();
  const memberId = params.memberId ?? '';
  const member = useClerkStore((s) => s.members[memberId]);
  const contacts = useClerkStore((s) => s.contacts[memberId]);
  const loadMember = useClerkStore((s) => s.loadMember);
  const staff = useSessionStore((s) => s.staff);
  const [error, setError] = useState<string | null>(null);

  // Also on the way back from the composer: the history then shows the greeting just sent.
  useDidShow(() => {
    if (!useSessionStore.getState().staff) {
      Taro.redirectTo({ url: ROUTES.staffLogin });
      return;
    }
    setError(null);
    loadMember(memberId).catch((err: unknown) => setError(friendlyError(err)));
  });

  if (!member) {
    return (
      <View className="page staff member">
        {error ? (
          <View className="banner-error">{error}</View>
        ) : (
          <Text className="lead">{t('common.loading')}</Text>
        )}
      </View>
    );
  }

  const purchaseUrl = `${ROUTES.staffPurchase}?memberId=${member.id}&memberNo=${member.memberNo}&name=${encodeURIComponent(member.name)}`;

  return (
    <View className="page staff member" data-member-id={member.id}>
      {error ? <View className="banner-error">{error}</View> : null}
      <View className="card-surface staff__result member__card">
        <View className="staff__result-head">
          <Text className="staff__result-name">{member.name}</Text>
          <Text className={`staff__badge staff__badge--${member.tier}`}>{t(`tier.${member.tier}`)}</Text>
        </View>
        <StaffRow label={t('home.memberNo')}>{printMemberNo(member.memberNo)}</StaffRow>
        <StaffRow label={t('profile.phone')} valueData={{ 'data-field': 'phone' }}>
          {member.phone ?? '—'}
        </StaffRow>
        <StaffRow label={t('profile.birthday')} valueData={{ 'data-field': 'birthday' }}>
          {member.birthday ?? '—'}
        </StaffRow>
        <StaffRow label={t('staff.lookup.joinedAt')}>{formatDate(member.joinedAt)}</StaffRow>
        <StaffRow label={t('home.points')}>{formatPoints(member.points)}</StaffRow>
        {member.interests.length > 0 ? (
          <StaffRow label={t('clerkMember.interests')} valueData={{ 'data-field': 'interests' }}>
            {member.interests
              .map((tag) => {
                const key = interestLabelKey(tag);
                return key ? t(key) : tag;
              })
              .join(' · ')}
          </StaffRow>
        ) : null}
        <StaffRow label={t('clerkMember.spend12m')} valueData={{ 'data-field': 'spend' }}>
          {formatMoney(member.card.qualifyingSpend)}
        </StaffRow>
      </View>

      <View className="staff__actions">
        {/* Greetings are a clerk's own words; managers read the history. */}
        {staff?.role === 'clerk' ? (
          <Button
            className="btn-primary member__greet"
            data-action="greet"
            onClick={() =>
              void Taro.navigateTo({ url: `${ROUTES.staffGreet}?memberId=${encodeURIComponent(member.id)}` })
            }
          >
            {t('clerkMember.greet')}
          </Button>
        ) : null}
        <Button
          className="btn-ghost member__purchase-action"
          data-action="member-purchase"
          onClick={() => void Taro.navigateTo({ url: purchaseUrl })}
        >
          {t('staff.action.purchase')}
        </Button>
      </View>

      <Text className="staff__section-title">{t('clerkMember.purchases')}</Text>
      {member.purchases.length === 0 ? (
        <Text className="lead member__none">{t('clerkMember.purchases.none')}</Text>
      ) : (
        <View className="card-surface member__purchases">
          {member.purchases.slice(0, PURCHASES_SHOWN).map((p) => (
            <PurchaseRow key={p.id} purchase={p} />
          ))}
        </View>
      )}

      <Text className="staff__section-title">{t('clerkMember.history')}</Text>
      {contacts && contacts.length === 0 ? (
        <Text className="lead member__none" data-empty="history">
          {t('clerkMember.history.none')}
        </Text>
      ) : null}
      {contacts?.map((c) => (
        <ContactItem key={c.id} contact={c} />
      ))}
    </View>
  );
}
