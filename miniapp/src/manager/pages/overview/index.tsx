import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { TIERS, type InsightsOverview, type InsightsRate, type Store } from '@vip-club/shared';
import { useRef, useState } from 'react';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT, type MessageKey } from '../../../i18n';
import { toClubDateTime } from '../../../lib/club-time';
import { friendlyError } from '../../../lib/errors';
import { formatMoney } from '../../../lib/format';
import { listStores } from '../../../services/store.service';
import { StoreScopePicker } from '../../components/store-scope-picker';
import { CLUB_SCOPE, useInsightsStore } from '../../../stores/insights.store';
import { useManagerGuard } from '../../use-manager-guard';
import { FigureCard } from './figure-card';
import { formatCount, formatParts, formatRate, formatShare } from './figures';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';
import './index.scss';

/** Each tier's members as a share of all, in tier order, the club's badge colours on one bar. */
function TierMix({ overview }: { overview: InsightsOverview }) {
  const t = useT();
  const byTier = new Map(overview.tierMix.map((row) => [row.tier, row.members]));
  const total = overview.tierMix.reduce((sum, row) => sum + row.members, 0);
  const share = (members: number) => (total ? members / total : 0);
  return (
    <View className="card-surface overview__tiers" data-figure="tierMix">
      <View className="overview__tier-bar">
        {TIERS.filter((tier) => (byTier.get(tier) ?? 0) > 0).map((tier) => (
          <View
            key={tier}
            className={`overview__tier-segment overview__tier-segment--${tier}`}
            style={{ width: `${share(byTier.get(tier) ?? 0) * 100}%` }}
          />
        ))}
      </View>
      {TIERS.map((tier) => {
        const members = byTier.get(tier) ?? 0;
        return (
          <View key={tier} className="overview__tier-row" data-tier={tier} data-value={members}>
            <View className={`overview__tier-dot overview__tier-segment--${tier}`} />
            <Text className="overview__tier-name">{t(`tier.${tier}`)}</Text>
            <Text className="overview__tier-count">{formatCount(members)}</Text>
            <Text className="overview__tier-share">{total ? formatShare(share(members)) : '—'}</Text>
          </View>
        );
      })}
    </View>
  );
}

interface Figure {
  name: string;
  label: MessageKey;
  value: string;
  aside?: string;
  note?: string;
  isWarning?: boolean;
  raw: number | string;
}

/** A count or points figure: the number grouped, the raw number kept beside it. */
const count = (name: string, label: MessageKey, value: number): Figure => ({
  name,
  label,
  value: formatCount(value),
  raw: value,
});

/** A rate figure: the percentage, what it is made of beside it (when there was anything), what it is of below. */
const rate = (name: string, label: MessageKey, value: InsightsRate, note: string): Figure => ({
  name,
  label,
  value: formatRate(value),
  aside: value.of ? formatParts(value) : undefined,
  note,
  raw: `${value.count}/${value.of}`,
});

function FigureGrid({ figures, isThirds }: { figures: Figure[]; isThirds?: boolean }) {
  const t = useT();
  return (
    <View className={`overview__grid${isThirds ? ' overview__grid--thirds' : ''}`}>
      {figures.map((f) => (
        <FigureCard
          key={f.name}
          name={f.name}
          label={t(f.label)}
          value={f.value}
          aside={f.aside}
          note={f.note}
          isWarning={f.isWarning}
          raw={f.raw}
        />
      ))}
    </View>
  );
}

/** The figures of one scope, section by section. */
function Figures({ overview }: { overview: InsightsOverview }) {
  const t = useT();
  const { members, points, events, referrals, followUps } = overview;
  const rating = followUps.averageRatingLast30Days;
  return (
    <View>
      <FigureGrid
        figures={[
          {
            ...count('members', 'manager.overview.members', members.total),
            note: t('manager.overview.consent', { count: formatCount(members.withMarketingConsent) }),
          },
          {
            ...count('active', 'manager.overview.active', members.active),
            note: t('manager.overview.activeNote'),
          },
          count('joined', 'manager.overview.joined', members.joinedLast30Days),
          {
            name: 'netSpend',
            label: 'manager.overview.netSpend',
            value: formatMoney(overview.netSpendLast30Days),
            note: t('manager.overview.netSpendNote'),
            raw: overview.netSpendLast30Days,
          },
          rate(
            'repeatPurchase',
            'manager.overview.repeat',
            overview.repeatPurchase,
            t('manager.overview.repeatNote'),
          ),
          rate('checkIn', 'manager.overview.checkIn', events.checkIn, t('manager.overview.checkInNote')),
        ]}
      />

      <Text className="staff__section-title">{t('manager.overview.tiers')}</Text>
      <TierMix overview={overview} />

      <Text className="staff__section-title">{t('manager.overview.points')}</Text>
      <FigureGrid
        figures={[
          count('points.outstanding', 'manager.overview.outstanding', points.outstanding),
          count('points.expiring', 'manager.overview.expiring', points.expiringNext30Days),
          count('points.issued', 'manager.overview.issued', points.issuedLast30Days),
          count('points.redeemed', 'manager.overview.redeemed', points.redeemedLast30Days),
        ]}
      />

      <Text className="staff__section-title">{t('manager.overview.eventsAndReferrals')}</Text>
      <FigureGrid
        figures={[
          count('events.upcoming', 'manager.overview.upcoming', events.upcoming),
          count('events.registrations', 'manager.overview.registrations', events.registrationsLast30Days),
          count('referrals.joined', 'manager.overview.referralsJoined', referrals.joinedLast30Days),
          count('referrals.rewarded', 'manager.overview.referralsRewarded', referrals.rewardedLast30Days),
        ]}
      />

      <Text className="staff__section-title">{t('manager.overview.followUps')}</Text>
      <FigureGrid
        isThirds
        figures={[
          count('followUps.open', 'manager.overview.open', followUps.open),
          {
            ...count('followUps.overdue', 'manager.overview.overdue', followUps.overdue),
            isWarning: followUps.overdue > 0,
          },
          count('followUps.escalated', 'manager.overview.escalated', followUps.escalated),
        ]}
      />
      <FigureGrid
        figures={[
          rate(
            'followUps.resolvedInTime',
            'manager.overview.inTime',
            followUps.resolvedInTime,
            t('manager.overview.inTimeNote'),
          ),
          {
            name: 'followUps.rating',
            label: 'manager.overview.rating',
            value: rating === null ? '—' : rating.toFixed(1),
            note: followUps.ratingsLast30Days
              ? t('manager.overview.ratings', { count: formatCount(followUps.ratingsLast30Days) })
              : t('manager.overview.noRatings'),
            raw: `${rating ?? ''}/${followUps.ratingsLast30Days}`,
          },
        ]}
      />
    </View>
  );
}

interface ReadState {
  scope: string;
  isReading: boolean;
  error: string | null;
}

/** The manager's glance at the club: members, spend, tiers, points, events and care, whole club or one store. */
export default function ManagerOverviewPage() {
  const t = useT();
  usePageChrome('manager.overview.title');
  const overviews = useInsightsStore((s) => s.overviews);
  const loadOverview = useInsightsStore((s) => s.loadOverview);
  const [stores, setStores] = useState<Store[]>([]);
  const [read, setRead] = useState<ReadState>({ scope: CLUB_SCOPE, isReading: true, error: null });

  // The figures themselves are guarded in the store; this guards the page's "reading" and error lines,
  // which belong to the scope on screen and its latest read only.
  const latestRead = useRef(0);
  const load = (scope: string): Promise<void> => {
    const mine = ++latestRead.current;
    setRead({ scope, isReading: true, error: null });
    return loadOverview(scope)
      .then(() => {
        if (mine === latestRead.current) setRead({ scope, isReading: false, error: null });
      })
      .catch((err: unknown) => {
        if (mine === latestRead.current) setRead({ scope, isReading: false, error: friendlyError(err) });
      });
  };

  useManagerGuard(() => {
    void load(read.scope);
    listStores()
      .then(setStores)
      .catch(() => undefined);
  });

  usePullDownRefresh(() => {
    void load(read.scope).finally(() => Taro.stopPullDownRefresh());
  });

  const overview = overviews[read.scope];
  const asOf = overview ? toClubDateTime(overview.asOf) : null;

  return (
    <View className="page staff manager overview">
      <Text className="title">{t('manager.overview.title')}</Text>
      <Text className="lead">{t('manager.overview.lead')}</Text>
      <View className="hairline" />

      <StoreScopePicker
        field="scope"
        stores={stores}
        allValue={CLUB_SCOPE}
        value={read.scope}
        onChange={(scope) => void load(scope)}
      />

      <View
        className="overview__as-of"
        data-scope={read.scope}
        data-reading={read.isReading ? 'true' : 'false'}
      >
        <Text data-as-of={overview?.asOf ?? ''}>
          {asOf
            ? t('manager.overview.asOf', { date: asOf.date, time: asOf.time })
            : read.isReading
              ? t('common.loading')
              : ''}
        </Text>
        {overview && read.isReading ? <Text>{t('manager.overview.refreshing')}</Text> : null}
        {overview && !read.isReading ? (
          <Text className="manager__edit" data-action="refresh" onClick={() => void load(read.scope)}>
            {t('manager.overview.refresh')}
          </Text>
        ) : null}
      </View>

      {read.error ? (
        <View className="banner-error" data-error="overview">
          <Text>{read.error}</Text>
          <Text className="overview__retry" data-action="retry" onClick={() => void load(read.scope)}>
            {t('common.retry')}
          </Text>
        </View>
      ) : null}

      {overview ? <Figures overview={overview} /> : null}
    </View>
  );
}
