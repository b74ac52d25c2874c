import Taro from '@tarojs/taro';
import { templateIds } from './subscribe-templates';
import type { PlatformSubscribe, SubscribeAnswer } from './subscribe.types';

/**
 * WeChat: `wx.requestSubscribeMessage` answers `accept`, `reject` or `ban` (templates banned in the
 * member's settings) per template id; `filter` (the platform held the template back) is no decision.
 */
export const platformSubscribe: PlatformSubscribe = {
  async ask(templates) {
    const wanted = templateIds(templates);
    if (wanted.length === 0) return [];
    // Taro's option type wants Alipay's `entityIds` too; WeChat ignores it.
    const res = await Taro.requestSubscribeMessage({ tmplIds: wanted.map((w) => w.id), entityIds: [] });
    // Taro types the answer as success or failure, but a failure rejects: this is the id → answer map.
    const answers = res as Record<string, unknown>;
    return wanted.flatMap(({ key, id }): SubscribeAnswer[] => {
      const answer = answers[id];
      if (answer === 'accept') return [{ template: key, accepted: true }];
      if (answer === 'reject' || answer === 'ban') return [{ template: key, accepted: false }];
      return [];
    });
  },
};
