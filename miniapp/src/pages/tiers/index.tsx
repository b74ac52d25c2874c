import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import {
  BASIS_POINTS,
  DEFAULT_CLUB_RULES,
  DEFAULT_TIER_BENEFITS,
  nextTierProgress,
  type ClubRules,
  type Tier,
  type TierInfo,
  type TiersPage,
} from '@vip-club/shared';
import { useState } from 'react';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT } from '../../i18n';
import { friendlyError } from '../../lib/errors';
import { formatMoney } from '../../lib/format';
import { useMemberStore } from '../../stores/member.store';
import { usePointsStore } from '../../stores/points.store';
import './index.scss';

/** The thresholds the club publishes, in the shape the shared tier rule reads. */
function rulesOf(page: TiersPage): ClubRules {
  const tiers = Object.fromEntries(
    page.tiers.map((t) => [t.tier, { minSpend: t.minSpend, earnRateBp: t.earnRateBp }]),
  ) as ClubRules['tiers'];
  return { ...DEFAULT_CLUB_RULES, tiers, tierWindowMonths: page.tierWindowMonths };
}

function rate(bp: number): string {
  return String(Math.round((bp / BASIS_POINTS) * 100) / 100);
}

/** The tier page: where the member stands, how far the next tier is, and what every tier offers. */
export default function TiersPageScreen() {
  const t = useT();
  usePageChrome('tiers.title');
  const isMember = useMemberGuard();
  const me = useMemberStore((s) => s.me);
  const loadMe = useMemberStore((s) => s.loadMe);
  const tiers = usePointsStore((s) => s.tiers);
  const loadTiers = usePointsStore((s) => s.loadTiers);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    if (!isMember) return;
    Promise.all([loadTiers(), loadMe()])
      .then(() => setError(null))
      .catch((err: unknown) => setError(friendlyError(err)));
  });

  // The club's own words in the member's language while a manager has not rewritten them.
  const benefitsOf = (info: TierInfo) =>
    info.benefits === DEFAULT_TIER_BENEFITS[info.tier] ? t(`tiers.benefit.${info.tier}`) : info.benefits;

  if (!tiers || !me) {
    return (
      <View className="page tiers">
        {error ? (
          <View className="banner-error">{error}</View>
        ) : (
          <Text className="lead">{t('common.loading')}</Text>
        )}
      </View>
    );
  }

  const progress = nextTierProgress(me.card.qualifyingSpend, rulesOf(tiers), me.card.tier);
  const held: Tier = me.card.tier;

  return (
    <View className="page tiers">
      <View className={`card-surface tiers__standing tiers__standing--${held}`}>
        <Text className="eyebrow">{t('tiers.yours')}</Text>
        <Text className="tiers__name">{t('tier.member', { tier: t(`tier.${held}`) })}</Text>
        <Text className="tiers__spend">
          {t('tiers.spend', { months: tiers.tierWindowMonths, amount: formatMoney(me.card.qualifyingSpend) })}
        </Text>
        <View className="tiers__track">
          <View
            className="tiers__fill"
            style={{ width: `${Math.round(Math.max(0, Math.min(1, progress.progress)) * 100)}%` }}
          />
        </View>
        <Text className="tiers__next" data-next-tier={progress.nextTier ?? ''}>
          {progress.nextTier
            ? t('home.progress', {
                amount: formatMoney(progress.spendToNextTier),
                tier: t(`tier.${progress.nextTier}`),
              })
            : t('home.progress.top')}
        </Text>
      </View>

      {tiers.tiers.map((info) => (
        <View
          key={info.tier}
          className={`card-surface tiers__tier${info.tier === held ? ' tiers__tier--current' : ''}`}
          data-tier={info.tier}
        >
          <View className="tiers__tier-head">
            <View className={`tiers__gem tiers__gem--${info.tier}`} />
            <Text className="tiers__tier-name">{t(`tier.${info.tier}`)}</Text>
            {info.tier === held ? <Text className="tiers__here">{t('tiers.yours')}</Text> : null}
          </View>
          <Text className="tiers__line">
            {info.minSpend === 0
              ? t('tiers.from.start')
              : t('tiers.from', { months: tiers.tierWindowMonths, amount: formatMoney(info.minSpend) })}
          </Text>
          <Text className="tiers__line">{t('tiers.earn', { rate: rate(info.earnRateBp) })}</Text>
          <Text className="tiers__benefits">{benefitsOf(info)}</Text>
        </View>
      ))}

      <View className="tiers__fine">
        <Text className="tiers__fine-line">
          {t('tiers.birthday', { multiplier: rate(tiers.birthdayMultiplierBp) })}
        </Text>
        <Text className="tiers__fine-line">{t('tiers.life', { months: tiers.pointsLifeMonths })}</Text>
      </View>
    </View>
  );
}
