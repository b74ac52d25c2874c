import { Text, View } from '@tarojs/components';
import type { MemberCard } from '@vip-club/shared';
import { useT } from '../i18n';
import { formatMoney } from '../lib/format';
import './tier-progress.scss';

/** How far the member is from the next tier, in money they would recognise. */
export function TierProgress({ card }: { card: MemberCard }) {
  const t = useT();
  const progress = Math.max(0, Math.min(1, card.progress ?? 0));
  return (
    <View className="tier-progress">
      <View className="tier-progress__track">
        <View className="tier-progress__fill" style={{ width: `${Math.round(progress * 100)}%` }} />
      </View>
      <Text className="tier-progress__text">
        {card.nextTier
          ? t('home.progress', {
              amount: formatMoney(card.spendToNextTier),
              tier: t(`tier.${card.nextTier}`),
            })
          : t('home.progress.top')}
      </Text>
    </View>
  );
}
