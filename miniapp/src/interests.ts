import type { MessageKey } from './i18n';

/**
 * The club's interest tags, stored on the server as the Chinese tag (the same vocabulary as the demo
 * club's seed, so members who joined in the app and seeded ones read alike) and shown in the member's
 * language.
 */
export const INTERESTS = [
  { tag: '黄金', label: 'interest.gold' },
  { tag: '古法金', label: 'interest.heritageGold' },
  { tag: '铂金', label: 'interest.platinum' },
  { tag: '钻石', label: 'interest.diamond' },
  { tag: '珍珠', label: 'interest.pearl' },
  { tag: '翡翠', label: 'interest.jade' },
  { tag: '彩宝', label: 'interest.gemstone' },
  { tag: '婚嫁', label: 'interest.bridal' },
  { tag: '设计款', label: 'interest.designer' },
  { tag: '腕表', label: 'interest.watch' },
  { tag: '收藏', label: 'interest.collecting' },
  { tag: '投资金条', label: 'interest.goldBar' },
] as const satisfies readonly { tag: string; label: MessageKey }[];

/** The dictionary key for an interest tag, or undefined for one from elsewhere (shown as given). */
export function interestLabelKey(tag: string): MessageKey | undefined {
  return INTERESTS.find((i) => i.tag === tag)?.label;
}
