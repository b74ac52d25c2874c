import { type BirthdayGift, GREETING_TEMPLATE_KEY } from '@vip-club/shared';
import type { OutboxItem } from '../outbox/outbox-item';

const BIRTHDAY_GREETING_TEXT =
  '今天是您的生日，MaBelle 全体同事祝您生日快乐！生日当月消费积分双倍，期待在门店与您相见。';

/**
 * The greeting on the day; its ref makes a second run (or server) queue nothing new. On WeChat/Alipay
 * it goes through the clerks' greeting template (one subscription for every greeting), when the
 * marketing cap allows.
 */
export function birthdayGreeting(memberId: string, year: number): OutboxItem {
  return {
    memberId,
    topic: 'birthday_greeting',
    ref: `birthday-greeting:${year}:${memberId}`,
    title: '生日快乐',
    body: BIRTHDAY_GREETING_TEXT,
    data: { year },
    platform: { template: GREETING_TEMPLATE_KEY, fields: { text: BIRTHDAY_GREETING_TEXT } },
  };
}

/** Told once the gift is given: points are in the balance, a voucher is waiting to be picked up. */
export function birthdayGiftNotice(memberId: string, year: number, gift: BirthdayGift): OutboxItem {
  return {
    memberId,
    topic: 'birthday_gift',
    ref: `birthday-gift:${year}:${memberId}`,
    title: '生日礼已送达',
    body:
      gift.kind === 'points'
        ? `您的生日月礼遇：${gift.points} 积分已存入您的账户。`
        : '您的生日月礼遇：一张礼券已为您备好，请在“我的兑换”中查看并到店领取。',
    data: gift.kind === 'points' ? { year, points: gift.points } : { year, rewardId: gift.rewardId },
  };
}
