import type { PlatformSubscribe } from './subscribe.types';

/**
 * The browser build has no subscribe dialog, and the sandbox imitates none: it asks nothing and
 * records nothing, so the server's sandbox never sends a platform message for it.
 */
export const platformSubscribe: PlatformSubscribe = {
  ask: () => Promise.resolve([]),
};
