import type { SubscribeTemplate } from './subscribe.types';

/**
 * The platform's template id for each key this build knows (`SUBSCRIBE_TEMPLATES`, set at build time
 * in config/index.ts); keys without an id are left out, so an unconfigured build asks for nothing.
 */
export function templateIds(
  templates: readonly SubscribeTemplate[],
): Array<{ key: SubscribeTemplate; id: string }> {
  const configured: Record<string, string | undefined> = SUBSCRIBE_TEMPLATES;
  return templates.flatMap((key) => {
    const id = configured[key];
    return id ? [{ key, id }] : [];
  });
}
