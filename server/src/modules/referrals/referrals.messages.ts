import type { OutboxItem } from '../outbox/outbox-item';

/**
 * Told when a referral's rewards are taken back (its qualifying purchase was refunded): inbox only, a
 * service message about the member's own points, worded without blame.
 */
export function referralReversedNotice(
  referralId: string,
  memberId: string,
  side: 'referrer' | 'referred',
  points: number,
): OutboxItem {
  return {
    memberId,
    topic: 'referral_reversed',
    ref: `referral-reversed:${referralId}:${side}`,
    title: '积分变动提醒',
    body:
      side === 'referrer'
        ? `您推荐的好友的首次购物已办理退款，相应的推荐礼遇 ${points} 积分已收回。感谢您一直以来的推荐与支持。`
        : `您的首次购物已办理退款，入会推荐礼遇 ${points} 积分已相应收回。感谢您的理解，期待再次为您服务。`,
    data: { referralId, points },
  };
}
