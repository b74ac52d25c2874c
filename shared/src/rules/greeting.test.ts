import { DELIVERY_SKIP_CODES } from '../enums/delivery-skip-code';
import type { GreetingChannel } from '../schemas/greeting.schema';
import { fillGreetingText, greetingDeliveries, type GreetingReach } from './greeting';

describe('fillGreetingText', () => {
  const member = {
    name: '林小雨',
    tier: 'gold' as const,
    birthday: { month: 2, day: 29 },
    lastPurchase: { year: 2026, month: 5, day: 17 },
  };

  it('fills every personal field, each as often as it appears', () => {
    expect(
      fillGreetingText(
        '{name}您好！作为{tier}，{name}的生日{birthday}快到了；您{lastPurchase}选购的首饰可免费清洗。',
        member,
      ),
    ).toBe('林小雨您好！作为金卡会员，林小雨的生日2月29日快到了；您2026年5月17日选购的首饰可免费清洗。');
  });

  it('leaves fields the member has no value for empty, and other braces as written', () => {
    expect(
      fillGreetingText('{birthday}|{lastPurchase}|{phone}|{ name}', {
        ...member,
        birthday: null,
        lastPurchase: null,
      }),
    ).toBe('||{phone}|{ name}');
  });

  it('does not re-read a filled value as a field', () => {
    expect(fillGreetingText('{name}', { ...member, name: '{tier}' })).toBe('{tier}');
  });
});

describe('greetingDeliveries', () => {
  const all: GreetingChannel[] = ['inbox', 'wechat', 'alipay', 'sms'];
  const reachable: GreetingReach = {
    purpose: 'marketing',
    hasMarketingConsent: true,
    subscribedPlatform: 'wechat',
    hasPhone: true,
    hasSmsProvider: true,
  };
  const statuses = (reach: Partial<GreetingReach>, channels = all) =>
    greetingDeliveries(channels, { ...reachable, ...reach }).map((d) => `${d.channel}:${d.status}`);

  it('queues the inbox, the subscribed platform and SMS for a consenting member', () => {
    expect(statuses({})).toEqual(['inbox:queued', 'wechat:queued', 'alipay:skipped', 'sms:queued']);
    expect(statuses({ subscribedPlatform: 'alipay' })).toEqual([
      'inbox:queued',
      'wechat:skipped',
      'alipay:queued',
      'sms:queued',
    ]);
  });

  it('without marketing consent, a marketing greeting reaches the inbox only, saying why', () => {
    const deliveries = greetingDeliveries(all, { ...reachable, hasMarketingConsent: false });
    expect(deliveries).toEqual([
      { channel: 'inbox', status: 'queued' },
      ...(['wechat', 'alipay', 'sms'] as const).map((channel) => ({
        channel,
        status: 'skipped',
        reason: 'the member has not consented to marketing',
        code: 'no_consent',
      })),
    ]);
  });

  it('a service message needs no marketing consent, but a platform still needs the accepted template', () => {
    expect(statuses({ purpose: 'service', hasMarketingConsent: false })).toEqual([
      'inbox:queued',
      'wechat:queued',
      'alipay:skipped',
      'sms:queued',
    ]);
    expect(statuses({ purpose: 'service', subscribedPlatform: null })).toEqual([
      'inbox:queued',
      'wechat:skipped',
      'alipay:skipped',
      'sms:queued',
    ]);
  });

  it('skips SMS without a phone or a provider, with the reason and its code', () => {
    expect(greetingDeliveries(['sms'], { ...reachable, hasPhone: false })[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/no phone/),
      code: 'no_phone',
    });
    expect(greetingDeliveries(['sms'], { ...reachable, hasSmsProvider: false })[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/no SMS provider/),
      code: 'no_provider',
    });
  });

  it('a platform the member has not accepted greetings on is skipped as not_subscribed', () => {
    expect(greetingDeliveries(['alipay'], reachable)).toEqual([
      {
        channel: 'alipay',
        status: 'skipped',
        reason: 'the member has not accepted greetings on Alipay',
        code: 'not_subscribed',
      },
    ]);
  });

  it('every skipped delivery carries a known code', () => {
    const reaches: Array<Partial<GreetingReach>> = [
      {},
      { hasMarketingConsent: false },
      { subscribedPlatform: null, hasPhone: false },
      { hasSmsProvider: false },
      { purpose: 'service', hasMarketingConsent: false, subscribedPlatform: null },
    ];
    for (const reach of reaches) {
      for (const d of greetingDeliveries(all, { ...reachable, ...reach })) {
        if (d.status === 'skipped') expect(DELIVERY_SKIP_CODES).toContain(d.code);
        else expect(d.code).toBeUndefined();
      }
    }
  });

  it('answers the channels in the order chosen', () => {
    expect(statuses({}, ['sms', 'inbox'])).toEqual(['sms:queued', 'inbox:queued']);
  });
});
