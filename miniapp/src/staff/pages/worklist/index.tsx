import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { Store, WorklistEntry } from '@vip-club/shared';
import { useState } from 'react';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT, type MessageKey } from '../../../i18n';
import { friendlyError } from '../../../lib/errors';
import { formatMoney } from '../../../lib/format';
import { ROUTES } from '../../../routes';
import { listStores } from '../../../services/store.service';
import { useClerkStore } from '../../../stores/clerk.store';
import { useSessionStore } from '../../../stores/session.store';
import '../staff.scss';
import './index.scss';

/** Worklist reasons in the clerk's words; `call_me` is a member's own request from the inbox. */
const REASON_LABELS: Record<WorklistEntry['reasons'][number] | 'call_me', MessageKey> = {
  follow_up: 'worklist.reason.follow_up',
  call_me: 'worklist.reason.call_me',
  birthday: 'worklist.reason.birthday',
  anniversary: 'worklist.reason.anniversary',
  welcome: 'worklist.reason.welcome',
  cleaning: 'worklist.reason.cleaning',
  dormant: 'worklist.reason.dormant',
};

function reasonLabel(reason: string): MessageKey {
  return REASON_LABELS[reason as keyof typeof REASON_LABELS] ?? 'worklist.reason.other';
}

function EntryCard({ entry }: { entry: WorklistEntry }) {
  const t = useT();
  const { member } = entry;
  return (
    <View
      className="card-surface worklist__entry"
      data-member-id={member.id}
      data-member-no={member.memberNo}
      onClick={() =>
        void Taro.navigateTo({ url: `${ROUTES.staffMember}?memberId=${encodeURIComponent(member.id)}` })
      }
    >
      <View className="worklist__entry-head">
        <Text className="worklist__name">{member.name}</Text>
        <Text className={`staff__badge staff__badge--${member.tier}`}>{t(`tier.${member.tier}`)}</Text>
      </View>
      <View className="worklist__meta">
        <Text className="worklist__phone">{member.phoneMasked ?? '—'}</Text>
        <Text className="worklist__spend">
          {t('worklist.spend', { amount: formatMoney(entry.spend12m) })}
        </Text>
      </View>
      <View className="worklist__reasons">
        {entry.reasons.map((reason) => (
          <Text key={reason} className={`worklist__reason worklist__reason--${reason}`} data-reason={reason}>
            {t(reasonLabel(reason))}
          </Text>
        ))}
      </View>
    </View>
  );
}

interface QuickAction {
  name: string;
  label: MessageKey;
  url: string;
}

const QUICK_ACTIONS: QuickAction[] = [
  { name: 'lookup', label: 'worklist.quick.lookup', url: ROUTES.staffLookup },
  { name: 'fulfil', label: 'staff.action.fulfil', url: ROUTES.staffFulfil },
  { name: 'check-in', label: 'eventsStaff.links.checkIn', url: ROUTES.staffCheckIn },
  { name: 'invite', label: 'eventsInvite.link', url: ROUTES.staffInvite },
  { name: 'follow-ups', label: 'worklist.quick.followUps', url: ROUTES.staffFollowUps },
];

/** A clerk's home: the members worth reaching today, and the counter's other tools a tap away. */
export default function StaffWorklistPage() {
  const t = useT();
  usePageChrome('worklist.title');
  const staff = useSessionStore((s) => s.staff);
  const staffLogout = useSessionStore((s) => s.staffLogout);
  const worklist = useClerkStore((s) => s.worklist);
  const loadWorklist = useClerkStore((s) => s.loadWorklist);
  const [error, setError] = useState<string | null>(null);
  const [stores, setStores] = useState<Store[]>([]);

  const refresh = () => {
    setError(null);
    return loadWorklist().catch((err: unknown) => setError(friendlyError(err)));
  };

  useDidShow(() => {
    if (!useSessionStore.getState().staff) {
      Taro.redirectTo({ url: ROUTES.staffLogin });
      return;
    }
    void refresh();
    listStores()
      .then(setStores)
      .catch(() => undefined);
  });

  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  const storeName = stores.find((s) => s.id === staff?.storeId)?.name ?? '—';

  const signOut = () => {
    staffLogout();
    Taro.redirectTo({ url: ROUTES.staffLogin });
  };

  return (
    <View className="page staff worklist">
      <View className="staff__who">
        <Text>
          {staff ? t('staff.signedInAs', { role: t(`staff.role.${staff.role}`), store: storeName }) : ''}
        </Text>
        <Text className="staff__who-link" onClick={signOut}>
          {t('staff.logout')}
        </Text>
      </View>
      <Text className="title">{t('worklist.title')}</Text>
      <Text className="lead">{t('worklist.lead')}</Text>

      <View className="worklist__tools">
        {QUICK_ACTIONS.map((action) => (
          <View
            key={action.name}
            className="worklist__tool"
            data-quick={action.name}
            onClick={() => void Taro.navigateTo({ url: action.url })}
          >
            <Text>{t(action.label)}</Text>
          </View>
        ))}
      </View>
      <View className="hairline" />

      {error ? <View className="banner-error">{error}</View> : null}
      {worklist === null && !error ? <Text className="lead">{t('common.loading')}</Text> : null}
      {worklist && worklist.length === 0 ? (
        <View className="worklist__empty" data-empty="worklist">
          <Text className="worklist__empty-head">{t('worklist.empty.head')}</Text>
          <Text className="lead">{t('worklist.empty')}</Text>
        </View>
      ) : null}
      {worklist && worklist.length > 0 ? (
        <Text className="staff__section-title worklist__count">
          {t('worklist.count', { count: worklist.length })}
        </Text>
      ) : null}
      {worklist?.map((entry) => (
        <EntryCard key={entry.member.id} entry={entry} />
      ))}
      <Text
        className="staff__or worklist__refresh"
        data-action="refresh-worklist"
        onClick={() => void refresh()}
      >
        {t('worklist.refresh')}
      </Text>
    </View>
  );
}
