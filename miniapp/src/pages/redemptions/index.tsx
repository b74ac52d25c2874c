import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { Redemption } from '@vip-club/shared';
import { useState } from 'react';
import { QrCode } from '../../components/qr-code';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT } from '../../i18n';
import { friendlyError } from '../../lib/errors';
import { formatDate, formatPoints } from '../../lib/format';
import { useRewardsStore } from '../../stores/rewards.store';
import './index.scss';

/** Pickup codes read in fours, as a clerk would type them. */
function spaced(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

/** What the member has redeemed: a QR for each gift waiting at the counter, the rest as history. */
export default function RedemptionsPage() {
  const t = useT();
  usePageChrome('redemptions.title');
  const isMember = useMemberGuard();
  const { params } = useRouter();
  const redemptions = useRewardsStore((s) => s.redemptions);
  const loadRedemptions = useRewardsStore((s) => s.loadRedemptions);
  const cancel = useRewardsStore((s) => s.cancel);
  const [isLoaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = () =>
    loadRedemptions()
      .then(() => setError(null))
      .catch((err: unknown) => setError(friendlyError(err)))
      .finally(() => setLoaded(true));

  useDidShow(() => {
    if (isMember) void reload();
  });

  const askCancel = async (r: Redemption) => {
    const answer = await Taro.showModal({
      title: t('redemptions.cancel'),
      content: t('redemptions.cancel.confirm'),
      confirmText: t('redemptions.cancel.ok'),
      cancelText: t('redemptions.cancel.keep'),
      confirmColor: '#9E3B32',
    });
    if (!answer.confirm) return;
    try {
      await cancel(r.id);
      void Taro.showToast({ title: t('redemptions.cancelled'), icon: 'none' });
    } catch (err) {
      setError(friendlyError(err));
    }
  };

  return (
    <View className="page redemptions">
      {error ? <View className="banner-error">{error}</View> : null}
      {isLoaded && redemptions.length === 0 && !error ? (
        <Text className="lead redemptions__empty">{t('redemptions.empty')}</Text>
      ) : null}
      {!isLoaded && !error ? <Text className="lead">{t('common.loading')}</Text> : null}

      {redemptions.map((r) => {
        const isWaiting = r.status === 'awaiting_pickup';
        return (
          <View
            key={r.id}
            className={`card-surface redemptions__item${r.id === params.id ? ' redemptions__item--new' : ''}`}
            data-redemption={r.id}
            data-status={r.status}
          >
            <View className="redemptions__head">
              <Text className="redemptions__name">{r.reward.name}</Text>
              <Text className={`redemptions__status redemptions__status--${r.status}`}>
                {t(`redemptions.status.${r.status}`)}
              </Text>
            </View>
            <Text className="redemptions__meta">
              {t('redemptions.points', { points: formatPoints(r.pointsSpent), quantity: r.quantity })} ·{' '}
              {r.fulfilledAt
                ? t('redemptions.fulfilledAt', { date: formatDate(r.fulfilledAt) })
                : t('redemptions.createdAt', { date: formatDate(r.createdAt) })}
            </Text>
            {isWaiting ? (
              <View className="redemptions__pickup">
                <Text className="redemptions__code-label">{t('redemptions.code')}</Text>
                <View className="redemptions__qr">
                  <QrCode value={r.code} />
                </View>
                <Text className="redemptions__code" data-code={r.code}>
                  {spaced(r.code)}
                </Text>
                <Text className="redemptions__hint">{t('redemptions.hint')}</Text>
                <Text className="redemptions__cancel" onClick={() => void askCancel(r)}>
                  {t('redemptions.cancel')}
                </Text>
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
