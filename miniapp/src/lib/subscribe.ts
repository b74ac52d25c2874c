import type { PlatformSubscribe } from './subscribe.types';

export type { PlatformSubscribe, SubscribeAnswer, SubscribeTemplate } from './subscribe.types';

// Taro resolves `./subscribe` to subscribe.weapp.ts, subscribe.alipay.ts or subscribe.h5.ts for each
// build; this file only answers for platforms the club has not been built for: no dialog, nothing to record.
export const platformSubscribe: PlatformSubscribe = {
  ask: () => Promise.resolve([]),
};
