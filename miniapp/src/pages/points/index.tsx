import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { IdSchema, type LedgerEntry } from '@vip-club/shared';
import { useState } from 'react';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT } from '../../i18n';
import { friendlyError } from '../../lib/errors';
import { formatDate, formatPoints } from '../../lib/format';
import { ROUTES } from '../../routes';
import { usePointsStore } from '../../stores/points.store';
import { ledgerLabelKey } from './ledger-label';
import './index.scss';

/** The member's points: what they hold, what is pending, what expires next, and every movement. */
export default function PointsPage() {
  const t = useT();
  usePageChrome('points.title');
  const isMember = useMemberGuard();
  const summary = usePointsStore((s) => s.summary);
  const ledger = usePointsStore((s) => s.ledger);
  const loadPoints = usePointsStore((s) => s.loadPoints);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    if (!isMember) return;
    loadPoints()
      .then(() => setError(null))
      .catch((err: unknown) => setError(friendlyError(err)));
  });

  if (!summary) {
    return (
      <View className="page points">
        {error ? (
          <View className="banner-error">{error}</View>
        ) : (
          <Text className="lead">{t('common.loading')}</Text>
        )}
      </View>
    );
  }

  return (
    <View className="page points">
      <View className="card-surface points__summary">
        <Text className="eyebrow">{t('points.balance')}</Text>
        <Text className="points__balance" data-balance={summary.balance}>
          {formatPoints(summary.balance)}
        </Text>
        <View className="points__chips">
          <Text className="points__chip">
            {t('points.spendable', { points: formatPoints(summary.spendable) })}
          </Text>
          {summary.pending > 0 ? (
            <Text className="points__chip points__chip--pending">
              {t('points.pending', { points: formatPoints(summary.pending) })}
            </Text>
          ) : null}
        </View>
        {summary.pending > 0 ? <Text className="points__note">{t('points.pending.hint')}</Text> : null}
        <View className="points__expiry">
          <Text>
            {summary.expiringNext
              ? t('points.expiring', {
                  points: formatPoints(summary.expiringNext.points),
                  date: formatDate(summary.expiringNext.expiresAt),
                })
              : t('points.expiring.none')}
          </Text>
        </View>
      </View>

      <View className="points__links">
        <Text className="points__link" onClick={() => Taro.navigateTo({ url: ROUTES.rewards })}>
          {t('points.toRewards')} ›
        </Text>
        <Text className="points__link" onClick={() => Taro.navigateTo({ url: ROUTES.tiers })}>
          {t('points.toTiers')} ›
        </Text>
      </View>

      {error ? <View className="banner-error">{error}</View> : null}

      <Text className="points__section-title">{t('points.ledger')}</Text>
      <View className="card-surface points__ledger">
        {ledger.length === 0 ? (
          <Text className="points__empty">{t('points.ledger.empty')}</Text>
        ) : (
          ledger.map((entry) => (
            <View key={entry.id} className="points__entry" data-kind={entry.kind}>
              <View className="points__entry-main">
                <Text className="points__entry-label">{t(ledgerLabelKey(entry.kind))}</Text>
                <Text className="points__entry-date">
                  {formatDate(entry.createdAt)}
                  {entry.expiresAt && entry.delta > 0
                    ? ` · ${t('points.ledger.expires', { date: formatDate(entry.expiresAt) })}`
                    : ''}
                </Text>
                {purchaseStoreOf(entry) ? (
                  <Text
                    className="points__entry-rate"
                    data-link="feedback"
                    onClick={() =>
                      Taro.navigateTo({
                        url: `${ROUTES.feedback}?subject=store&refId=${purchaseStoreOf(entry) ?? ''}`,
                      })
                    }
                  >
                    {t('feedback.fromPurchase')}
                  </Text>
                ) : null}
              </View>
              <View className="points__entry-side">
                <Text className={`points__delta${entry.delta < 0 ? ' points__delta--minus' : ''}`}>
                  {entry.delta > 0 ? `+${formatPoints(entry.delta)}` : `−${formatPoints(-entry.delta)}`}
                </Text>
                <Text className="points__after">{formatPoints(entry.balanceAfter)}</Text>
              </View>
            </View>
          ))
        )}
      </View>
    </View>
  );
}

/** The store of a purchase's earning (its ledger ref is `purchase:<storeId>:<orderNo>`), to rate that visit. */
function purchaseStoreOf(entry: LedgerEntry): string | null {
  if (entry.kind !== 'earn' || !entry.ref) return null;
  const [kind, storeId] = entry.ref.split(':');
  return kind === 'purchase' && IdSchema.safeParse(storeId).success ? (storeId ?? null) : null;
}
