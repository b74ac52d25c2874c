import type { Tier } from '../enums/tier';
import type { GreetingDelivery } from '../contracts/greeting.contract';
import type { GreetingChannel, GreetingPurpose } from '../schemas/greeting.schema';

/** No member gets more than one marketing message from the club as a whole within this many days. */
export const GREETING_CAP_DAYS = 3;

/** The subscribe-message template a member accepts to receive clerks' greetings on WeChat/Alipay. */
export const GREETING_TEMPLATE_KEY = 'greeting';

/** How a tier reads inside a greeting. */
export const GREETING_TIER_NAMES: Record<Tier, string> = {
  friend: '好友会员',
  silver: '银卡会员',
  gold: '金卡会员',
  diamond: '钻石会员',
};

/** The member's side of a greeting's personal fields; `lastPurchase` is a club-calendar date or null. */
export interface GreetingPersonalFields {
  name: string;
  tier: Tier;
  birthday: { month: number; day: number } | null;
  lastPurchase: { year: number; month: number; day: number } | null;
}

/**
 * Fills `{name}`, `{tier}`, `{birthday}` and `{lastPurchase}` from the member; a field the member has no
 * value for becomes empty, and any other brace text is left as written.
 */
export function fillGreetingText(text: string, fields: GreetingPersonalFields): string {
  const values: Record<string, string> = {
    name: fields.name,
    tier: GREETING_TIER_NAMES[fields.tier],
    birthday: fields.birthday ? `${fields.birthday.month}月${fields.birthday.day}日` : '',
    lastPurchase: fields.lastPurchase
      ? `${fields.lastPurchase.year}年${fields.lastPurchase.month}月${fields.lastPurchase.day}日`
      : '',
  };
  return text.replace(/\{(name|tier|birthday|lastPurchase)\}/g, (_, key: string) => values[key]);
}

/** What the server knows about reaching one member, per channel. */
export interface GreetingReach {
  purpose: GreetingPurpose;
  hasMarketingConsent: boolean;
  /** The platform the member accepted greetings on (their latest answer), or null. */
  subscribedPlatform: 'wechat' | 'alipay' | null;
  hasPhone: boolean;
  hasSmsProvider: boolean;
}

const PLATFORM_NAMES = { wechat: 'WeChat', alipay: 'Alipay' } as const;

/**
 * Per chosen channel: `queued`, or `skipped` with the reason and its code. The inbox always takes it; marketing needs
 * the member's consent on every other channel; WeChat/Alipay also need the accepted greeting template.
 */
export function greetingDeliveries(
  channels: readonly GreetingChannel[],
  reach: GreetingReach,
): GreetingDelivery[] {
  const needsConsent = reach.purpose === 'marketing' && !reach.hasMarketingConsent;
  return channels.map((channel): GreetingDelivery => {
    if (channel === 'inbox') return { channel, status: 'queued' };
    if (needsConsent)
      return {
        channel,
        status: 'skipped',
        reason: 'the member has not consented to marketing',
        code: 'no_consent',
      };
    if (channel === 'sms') {
      if (!reach.hasPhone)
        return {
          channel,
          status: 'skipped',
          reason: 'the member has no phone number on file',
          code: 'no_phone',
        };
      if (!reach.hasSmsProvider)
        return { channel, status: 'skipped', reason: 'no SMS provider is configured', code: 'no_provider' };
      return { channel, status: 'queued' };
    }
    if (reach.subscribedPlatform !== channel) {
      return {
        channel,
        status: 'skipped',
        reason: `the member has not accepted greetings on ${PLATFORM_NAMES[channel]}`,
        code: 'not_subscribed',
      };
    }
    return { channel, status: 'queued' };
  });
}
