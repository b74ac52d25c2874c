import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import type { Platform } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AlipayClient } from '../../platforms/alipay/alipay.client';
import { PlatformSandboxHost } from '../../platforms/platform-sandbox-host';
import { WechatClient } from '../../platforms/wechat/wechat.client';
import { retryOnDeadlock } from '../points/transaction-retry';
import type { OutboxMessageEntity, OutboxStatus } from './entities/outbox-message.entity';
import type { DispatchOutcome, OutboxItem, PushBlocker } from './outbox-item';
import { type NewOutboxRow, OutboxRepository, type PlatformTarget } from './outbox.repository';

/** Rows one dispatch pass claims. */
const DISPATCH_BATCH = 500;
/**
 * How long a claim holds before another dispatcher may take the rows still pending over (their owner
 * presumed dead). Short, so a crashed server's batch is delivered soon after; a lapse while the owner
 * is merely slow is harmless, since every transition is conditional on the claimant and on the status.
 */
const CLAIM_LEASE_MS = 20_000;
/** Platform calls in flight at once within one pass. */
const PLATFORM_CONCURRENCY = 8;

/**
 * The club's outbox: messages are written in the transaction of the change they announce and
 * delivered afterwards by `dispatchOnce` (run by `OutboxDispatcher`, or by a test). The inbox copy is
 * delivered exactly once (its notice ref is unique and it is marked sent in the same transaction);
 * a platform message at most once (marked `sending` and committed before the HTTP call, never retried
 * from there).
 */
@Injectable()
export class OutboxService {
  /** Names this process's claims; each pass adds a counter so two passes never share one. */
  private readonly instance = `${hostname().slice(0, 24)}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private passes = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly wechat: WechatClient,
    private readonly alipay: AlipayClient,
    private readonly platforms: PlatformSandboxHost,
    private readonly config: AppConfig,
  ) {}

  /** Queues the messages in `em`'s transaction; a ref already queued is left as it is. */
  async enqueue(em: EntityManager, items: OutboxItem[], now: Date = new Date()): Promise<void> {
    const rows: NewOutboxRow[] = [];
    for (const item of items) {
      const common = {
        memberId: item.memberId,
        topic: item.topic,
        ref: item.ref,
        title: item.title,
        body: item.body,
        data: item.data ?? null,
        createdAt: now,
      };
      rows.push({
        ...common,
        channel: 'inbox',
        template: null,
        templateFields: null,
        page: null,
        status: 'pending',
        error: null,
      });
      if (item.platform) {
        const skipReason = item.platform.skipReason;
        rows.push({
          ...common,
          channel: 'platform',
          template: item.platform.template,
          templateFields: item.platform.fields,
          page: item.platform.page ?? null,
          status: skipReason === undefined ? 'pending' : 'skipped',
          error: skipReason === undefined ? null : skipReason.slice(0, 255),
        });
      }
    }
    await this.outbox.insertNew(em, rows);
  }

  /** Of `refs`, those already queued (in any state). */
  queuedRefs(em: EntityManager, refs: string[]): Promise<Set<string>> {
    return this.outbox.queuedRefs(em, refs);
  }

  /**
   * For each (member, template), why a platform message would be skipped if dispatched now (no consent,
   * no accepted subscription, no template id configured), or null when it would go to the member's
   * phone: the dispatcher's own routing, for senders that must decide before queueing (the marketing cap).
   */
  async pushBlockers(
    em: EntityManager,
    wanted: Array<{ memberId: string; template: string }>,
  ): Promise<Array<PushBlocker | null>> {
    const targets = await this.outbox.platformTargets(em, wanted);
    return targets.map((target, i) => {
      const route = this.route(wanted[i].template, target);
      return 'reason' in route ? route : null;
    });
  }

  /** Claims one batch and delivers it; `claimed` is 0 when there was nothing to do. */
  async dispatchOnce(now: Date = new Date()): Promise<DispatchOutcome> {
    const outcome: DispatchOutcome = { claimed: 0, inbox: 0, platformSent: 0, skipped: 0, failed: 0 };
    const claimant = `${this.instance}:${++this.passes}`;
    const until = new Date(now.getTime() + CLAIM_LEASE_MS);
    // Every step below is idempotent, so one chosen as a deadlock victim is simply run again.
    const claimed = await retryOnDeadlock(() =>
      this.outbox.claim(this.dataSource.manager, claimant, now, until, DISPATCH_BATCH),
    );
    if (claimed === 0) {
      return outcome;
    }
    const rows = await this.outbox.claimed(this.dataSource.manager, claimant);
    outcome.claimed = rows.length;
    await this.deliverInbox(
      rows.filter((r) => r.channel === 'inbox'),
      claimant,
      now,
      outcome,
    );
    await this.deliverPlatform(
      rows.filter((r) => r.channel === 'platform'),
      claimant,
      outcome,
    );
    return outcome;
  }

  /** Runs passes until nothing is left to claim; answers the passes' totals. */
  async dispatchAll(now: () => Date = () => new Date()): Promise<DispatchOutcome> {
    const total: DispatchOutcome = { claimed: 0, inbox: 0, platformSent: 0, skipped: 0, failed: 0 };
    for (;;) {
      const pass = await this.dispatchOnce(now());
      if (pass.claimed === 0) return total;
      for (const key of Object.keys(total) as Array<keyof DispatchOutcome>) total[key] += pass[key];
    }
  }

  private async deliverInbox(
    rows: OutboxMessageEntity[],
    claimant: string,
    now: Date,
    outcome: DispatchOutcome,
  ): Promise<void> {
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    outcome.inbox += await retryOnDeadlock(() =>
      this.dataSource.transaction(async (em) => {
        await this.outbox.insertNotices(em, rows, now);
        return this.outbox.transition(em, ids, claimant, 'pending', 'sent', now);
      }),
    );
  }

  private async deliverPlatform(
    rows: OutboxMessageEntity[],
    claimant: string,
    outcome: DispatchOutcome,
  ): Promise<void> {
    if (rows.length === 0) return;
    const targets = await this.outbox.platformTargets(
      this.dataSource.manager,
      rows.map((r) => ({ memberId: r.memberId, template: r.template ?? '' })),
    );
    const skips = new Map<string, string[]>();
    const queue: Array<{ row: OutboxMessageEntity; target: Deliverable; templateId: string }> = [];
    rows.forEach((row, i) => {
      const route = this.route(row.template ?? '', targets[i]);
      if ('reason' in route) skips.set(route.reason, (skips.get(route.reason) ?? []).concat(row.id));
      else queue.push({ row, ...route });
    });
    // Skips in one statement per reason: most members of a large audience never subscribed.
    for (const [reason, ids] of skips) {
      const skipped = await this.move(ids, claimant, 'pending', 'skipped', reason);
      outcome.skipped += skipped;
    }
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await this.send(next.row, next.target, next.templateId, claimant, outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PLATFORM_CONCURRENCY, queue.length) }, worker));
  }

  private async send(
    row: OutboxMessageEntity,
    target: Deliverable,
    templateId: string,
    claimant: string,
    outcome: DispatchOutcome,
  ): Promise<void> {
    // Committed before the call: a crash from here on leaves the row `sending`, never sent again.
    if ((await this.move([row.id], claimant, 'pending', 'sending')) === 0) return;
    let error: string | null = null;
    try {
      const data = row.templateFields ?? {};
      const page = row.page ?? undefined;
      if (target.platform === 'wechat') {
        await this.wechat.sendSubscribeMessage({ toOpenid: target.platformUserId, templateId, data, page });
      } else {
        await this.alipay.sendTemplateMessage({
          toUserId: target.platformUserId,
          templateId,
          data: alipayKeywords(data),
          page,
        });
      }
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (error === null) {
      const sent = await this.move([row.id], claimant, 'sending', 'sent');
      outcome.platformSent += sent;
    } else {
      const failed = await this.move([row.id], claimant, 'sending', 'failed', error);
      outcome.failed += failed;
    }
  }

  /** Where a platform message goes and under which template id, or why it may not go out. */
  private route(
    key: string,
    target: PlatformTarget,
  ): { target: Deliverable; templateId: string } | PushBlocker {
    const blocker = skipReason(target);
    if (blocker !== null) return blocker;
    const deliverable = target as Deliverable;
    const templateId = this.templateId(deliverable.platform, key);
    if (templateId === undefined) {
      const variable = `${deliverable.platform.toUpperCase()}_TEMPLATE_${key.toUpperCase()}`;
      return { reason: `no template id configured for ${key} (${variable})`, code: 'no_template' };
    }
    return { target: deliverable, templateId };
  }

  /**
   * The id the platform knows the template `key` by: the one its console issued (config), or the key
   * itself when the sandbox stands in (it takes any id). Undefined when a real platform has none:
   * sending the key would only be refused.
   */
  private templateId(platform: Platform, key: string): string | undefined {
    if (this.platforms.isSandbox(platform)) return key;
    const templates: Readonly<Record<string, string | undefined>> = this.config[platform].templates;
    return Object.hasOwn(templates, key) ? templates[key] : undefined;
  }

  /** A status change of claimed rows in its own statement; again if chosen as a deadlock victim. */
  private move(
    ids: string[],
    claimant: string,
    from: OutboxStatus,
    to: OutboxStatus,
    error: string | null = null,
  ): Promise<number> {
    return retryOnDeadlock(() =>
      this.outbox.transition(this.dataSource.manager, ids, claimant, from, to, new Date(), error),
    );
  }
}

type Deliverable = PlatformTarget & { platform: Platform; platformUserId: string };

/** Why a platform message may not go out, or null when it may. */
function skipReason(target: PlatformTarget): PushBlocker | null {
  if (!target.consented) return { reason: 'no marketing consent', code: 'no_consent' };
  if (target.platform === null || target.platformUserId === null) {
    return { reason: 'not subscribed to this template', code: 'not_subscribed' };
  }
  return null;
}

/**
 * Messages carry WeChat's field names, whose number is the keyword's position in the template
 * (`thing1`, `time2`, `thing3`); Alipay's templates name the same positions `keyword1`, `keyword2`….
 */
function alipayKeywords(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => {
      const position = /(\d+)$/.exec(name)?.[1];
      return [position === undefined ? name : `keyword${position}`, value];
    }),
  );
}
