import { Injectable } from '@nestjs/common';
import { GREETING_CAP_DAYS, zonedDateParts } from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import type { OutboxItem, PushBlocker } from '../outbox/outbox-item';
import { OutboxService } from '../outbox/outbox.service';
import { MarketingCapRepository } from './marketing-cap.repository';

const DAY = 86_400_000;

/**
 * The club-wide 3-day marketing cap for the automated senders (the event invitations' fan-out, the
 * birthday greeting). Only a message that would reach the member's phone takes the slot: the items
 * whose WeChat/Alipay message the outbox would send now (consent, accepted template, template id).
 * With the slot an item goes as it is (inbox and platform); without it, to the inbox only, its
 * platform row written `skipped` with `marketing cap: contacted <club date>`. An item the phone would
 * not get is queued with the outbox's reason, decided here too, so a consent given between queueing
 * and dispatch cannot push a message that took no slot. Inbox-only items and items already queued
 * (a repeated run) take nothing.
 */
@Injectable()
export class MarketingCap {
  constructor(
    private readonly caps: MarketingCapRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /** The items as they should be queued, in `em`'s transaction, the slots taken in it. */
  async gate(em: EntityManager, items: OutboxItem[], now: Date): Promise<OutboxItem[]> {
    const pushes = items.filter((i) => i.platform !== undefined && i.platform.skipReason === undefined);
    if (pushes.length === 0) return items;
    const queued = await this.outbox.queuedRefs(
      em,
      pushes.map((i) => i.ref),
    );
    const fresh = pushes.filter((i) => !queued.has(i.ref));
    const blockers = await this.outbox.pushBlockers(
      em,
      fresh.map((i) => ({ memberId: i.memberId, template: i.platform?.template ?? '' })),
    );
    const skips = new Map<OutboxItem, PushBlocker>();
    const wanting: OutboxItem[] = [];
    fresh.forEach((item, k) => {
      const blocker = blockers[k];
      if (blocker === null) wanting.push(item);
      else skips.set(item, blocker);
    });
    const slots = await this.caps.takeMany(
      em,
      wanting.map((i) => i.memberId),
      new Date(now.getTime() - GREETING_CAP_DAYS * DAY),
      now,
    );
    // One push per member per batch: a second item for the same member finds the slot just taken.
    const pushed = new Set<string>();
    for (const item of wanting) {
      const slot = slots.get(item.memberId);
      if (slot?.taken && !pushed.has(item.memberId)) {
        pushed.add(item.memberId);
        continue;
      }
      skips.set(item, {
        reason: `marketing cap: contacted ${this.clubDate(slot?.taken ? now : (slot?.lastAt ?? now))}`,
        code: 'marketing_cap',
      });
    }
    if (skips.size === 0) return items;
    return items.map((item) => {
      const skip = skips.get(item);
      return skip === undefined || !item.platform
        ? item
        : { ...item, platform: { ...item.platform, skipReason: skip.reason, skipCode: skip.code } };
    });
  }

  private clubDate(at: Date): string {
    const { year, month, day } = zonedDateParts(at, this.config.club.timezone);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
}
