import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BackgroundLoop } from '../../common/scheduling/background-loop';
import { AppConfig } from '../../config/app-config';
import { MarketingCap } from '../greetings/marketing-cap.service';
import { OutboxService } from '../outbox/outbox.service';
import { retryOnDeadlock } from '../points/transaction-retry';
import type { EventFanoutEntity } from './entities/event-fanout.entity';
import { EventAudience } from './event-audience';
import { EventsRepository } from './events.repository';
import { invitationMessage } from './invitations.messages';
import { InvitationsRepository } from './invitations.repository';

/** Members per page: one transaction queues a page's messages and moves the cursor past it. */
export const FANOUT_PAGE = 1000;
/**
 * How long a claim holds without progress (each page renews it) before another process may take the
 * fan-out over: short, so a crashed server's fan-out is resumed soon after a restart.
 */
const CLAIM_LEASE_MS = 15_000;
/** Pause between polls when no fan-out was waiting. */
const IDLE_MS = 1_000;

/** What one `runOnce` did. */
export interface FanoutOutcome {
  events: number;
  queued: number;
}

/**
 * The publish fan-out: every published event gets an `event_fanouts` row, and a worker pages through
 * the members its eligibility invites (keyset by member id), queueing one `event_invitation` per member
 * through the outbox and advancing the cursor in the same transaction. Publishing therefore returns at
 * once however many members are invited, a restart resumes after the last committed page, and the
 * outbox's unique refs make a page queued twice harmless. Every server process runs a worker (off when
 * `backgroundWork` is, by default under NODE_ENV=test, where tests call `runOnce`); a claim keeps two
 * off the same event.
 */
@Injectable()
export class InvitationsFanout implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly instance = `${hostname().slice(0, 24)}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private claims = 0;
  private readonly loop = new BackgroundLoop(async () => (await this.runOnce()).events > 0, {
    idleMs: IDLE_MS,
    logger: new Logger(InvitationsFanout.name),
    what: 'invitations fan-out',
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationsRepository,
    private readonly events: EventsRepository,
    private readonly audience: EventAudience,
    private readonly outbox: OutboxService,
    private readonly cap: MarketingCap,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.backgroundWork) this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Starts fan-outs for newly published events and runs every free one to its end. */
  async runOnce(now: () => Date = () => new Date()): Promise<FanoutOutcome> {
    const outcome: FanoutOutcome = { events: 0, queued: 0 };
    // Two processes inserting the same missing rows may deadlock on the unique key; either way they exist after.
    await retryOnDeadlock(() => this.invitations.createMissingFanouts(this.dataSource.manager, now()));
    for (;;) {
      const claimant = `${this.instance}:${++this.claims}`;
      const at = now();
      const fanout = await retryOnDeadlock(() =>
        this.invitations.claimFanout(
          this.dataSource.manager,
          claimant,
          at,
          new Date(at.getTime() + CLAIM_LEASE_MS),
        ),
      );
      if (!fanout) return outcome;
      outcome.events += 1;
      outcome.queued += await this.page(fanout, claimant, now);
    }
  }

  /** Pages the fan-out to its end (or until its claim is lost); answers the members queued. */
  private async page(fanout: EventFanoutEntity, claimant: string, now: () => Date): Promise<number> {
    let cursor = fanout.cursorMemberId;
    let queued = 0;
    for (;;) {
      // A deadlock victim's page was rolled back whole: queue it again.
      const step = await retryOnDeadlock(() =>
        this.dataSource.transaction(async (em) => {
          const at = now();
          const event = await this.events.findById(fanout.eventId, em);
          // Cancelled (or somehow gone) meanwhile: nobody else is invited.
          if (!event || event.status !== 'published') {
            const ok = await this.invitations.advanceFanout(em, fanout.id, claimant, {
              cursorMemberId: null,
              queued: 0,
              done: true,
              until: at,
              now: at,
            });
            return { ok, done: true, count: 0, next: cursor };
          }
          // Eligibility is judged as of publication, so a fan-out resumed days later invites the same people.
          const asOf = event.publishedAt ?? at;
          const page = await this.audience.eligibleMembersPage(
            em,
            event.eligibility,
            asOf,
            cursor,
            FANOUT_PAGE,
          );
          const timeZone = this.config.club.timezone;
          // The WeChat/Alipay copy takes the member's 3-day marketing slot, or stays in the inbox.
          const messages = await this.cap.gate(
            em,
            page.members.map((m) => invitationMessage(event, m.id, timeZone)),
            at,
          );
          await this.outbox.enqueue(em, messages, at);
          const done = page.nextAfterId === null;
          const last = page.members.length > 0 ? page.members[page.members.length - 1].id : null;
          const ok = await this.invitations.advanceFanout(em, fanout.id, claimant, {
            cursorMemberId: last,
            queued: page.members.length,
            done,
            until: new Date(at.getTime() + CLAIM_LEASE_MS),
            now: at,
          });
          // Lost the claim: undo this page; whoever holds the fan-out now queues it.
          if (!ok) throw new LostClaim();
          if (done) await this.invitations.setInvitedCount(em, event.id, fanout.id);
          return { ok, done, count: page.members.length, next: page.nextAfterId ?? last };
        }),
      ).catch((err: unknown) => {
        if (err instanceof LostClaim) return { ok: false, done: true, count: 0, next: cursor };
        throw err;
      });
      if (!step.ok) return queued;
      queued += step.count;
      // Stopping: the committed cursor is where the next process resumes once this claim lapses.
      if (step.done || this.loop.stopping) return queued;
      cursor = step.next;
    }
  }
}

class LostClaim extends Error {}
