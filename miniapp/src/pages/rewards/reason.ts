import type { RedeemabilityReason, RewardForMember } from '@vip-club/shared';
import type { MessageParams, MessageKey } from '../../i18n';
import { formatDate, formatPoints } from '../../lib/format';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Why a reward cannot be redeemed, in warm words with the figure that matters. */
export function reasonText(
  t: Translate,
  reason: RedeemabilityReason,
  reward: Pick<RewardForMember, 'tiers' | 'availableFrom' | 'pointsCost'>,
  spendable: number | undefined,
  quantity = 1,
): string {
  switch (reason) {
    case 'NOT_ELIGIBLE':
      return t('rewards.reason.NOT_ELIGIBLE', {
        tiers: reward.tiers.map((tier) => t(`tier.${tier}`)).join(t('rewards.tierJoin')),
      });
    case 'NOT_AVAILABLE_YET':
      return t('rewards.reason.NOT_AVAILABLE_YET', { date: formatDate(reward.availableFrom) });
    case 'POINTS_INSUFFICIENT': {
      // Below zero after a refund, the way back to zero counts too.
      const missing = reward.pointsCost * quantity - (spendable ?? 0);
      return t('rewards.reason.POINTS_INSUFFICIENT', { points: formatPoints(Math.max(1, missing)) });
    }
    default:
      return t(`rewards.reason.${reason}`);
  }
}
