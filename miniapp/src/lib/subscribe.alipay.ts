import { templateIds } from './subscribe-templates';
import type { PlatformSubscribe, SubscribeAnswer } from './subscribe.types';

interface AlipaySubscribeResult {
  [entityId: string]: unknown;
  result?: { subscribedEntityIds?: string[]; unsubscribedEntityIds?: string[] };
}

interface AlipayApi {
  requestSubscribeMessage(options: {
    entityIds: string[];
    success: (res: AlipaySubscribeResult) => void;
    fail: (err: unknown) => void;
  }): void;
}

declare const my: AlipayApi;

/**
 * Alipay: `my.requestSubscribeMessage` answers `accept`/`reject` per template id, and the lists of
 * templates subscribed and not subscribed when all is done (also when the dialog did not show
 * because the member chose "always keep this choice").
 */
export const platformSubscribe: PlatformSubscribe = {
  async ask(templates) {
    const wanted = templateIds(templates);
    if (wanted.length === 0) return [];
    const res = await new Promise<AlipaySubscribeResult>((resolve, reject) => {
      my.requestSubscribeMessage({ entityIds: wanted.map((w) => w.id), success: resolve, fail: reject });
    });
    const subscribed = new Set(res.result?.subscribedEntityIds ?? []);
    const unsubscribed = new Set(res.result?.unsubscribedEntityIds ?? []);
    return wanted.flatMap(({ key, id }): SubscribeAnswer[] => {
      if (res[id] === 'accept' || subscribed.has(id)) return [{ template: key, accepted: true }];
      if (res[id] === 'reject' || unsubscribed.has(id)) return [{ template: key, accepted: false }];
      return [];
    });
  },
};
