import { Injectable } from '@nestjs/common';
import {
  type ClerkInvitationFunnel,
  type ClerkInvitationResult,
  type ClerkInvitationsInput,
  type ClerkInvitationsResult,
  ErrorCode,
  type InvitableMember,
  type Paginated,
  type PaginationQuery,
} from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { parseCursor } from '../../common/pagination/page';
import { AppConfig } from '../../config/app-config';
import { MarketingCap } from '../greetings/marketing-cap.service';
import type { OutboxItem } from '../outbox/outbox-item';
import { OutboxService } from '../outbox/outbox.service';
import { retryOnDeadlock } from '../points/transaction-retry';
import type { EventEntity } from './entities/event.entity';
import { EventAudience } from './event-audience';
import { EventsRepository } from './events.repository';
import { personalInvitationMessage } from './invitations.messages';
import { InvitationsRepository } from './invitations.repository';

/**
 * Clerks' personal invitations (their own members who fit a published event), the credit a
 * registration gives the inviting clerk, and the invitations → registrations → attendance funnel.
 */
@Injectable()
export class EventInvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsRepository,
    private readonly audience: EventAudience,
    private readonly invitations: InvitationsRepository,
    private readonly outbox: OutboxService,
    private readonly cap: MarketingCap,
    private readonly config: AppConfig,
  ) {}

  /** The clerk's own members whom the event invites, in id order, with whether each is invited or registered. */
  async invitable(
    user: AuthUser,
    eventId: string,
    query: PaginationQuery,
    now: Date = new Date(),
  ): Promise<Paginated<InvitableMember>> {
    const afterId = parseCursor(query.cursor) ?? null;
    const em = this.dataSource.manager;
    const event = await this.publishedEvent(em, eventId);
    const page = await this.audience.eligibleMembersPage(
      em,
      event.eligibility,
      now,
      afterId,
      query.limit + 1,
      {
        clerkId: user.sub,
      },
    );
    const hasMore = page.members.length > query.limit;
    const members = page.members.slice(0, query.limit);
    const ids = members.map((m) => m.id);
    const [invited, registered] = await Promise.all([
      this.invitations.invitedBy(em, event.id, user.sub, ids),
      this.invitations.registeredMembers(em, event.id, ids),
    ]);
    return {
      items: members.map((m) => ({
        id: m.id,
        memberNo: m.memberNo,
        name: m.name,
        tier: m.tier,
        isInvited: invited.has(m.id),
        isRegistered: registered.has(m.id),
      })),
      nextCursor: hasMore ? members[members.length - 1].id : null,
    };
  }

  /** Invites each named member once; one result per member, in the order given. */
  async invite(
    user: AuthUser,
    eventId: string,
    input: ClerkInvitationsInput,
    now: Date = new Date(),
  ): Promise<ClerkInvitationsResult> {
    // The marketing cap locks the members' cap rows, which a fan-out page may hold too: a deadlock victim runs again.
    return retryOnDeadlock(() => this.inviteIn(user, eventId, input, now));
  }

  private inviteIn(
    user: AuthUser,
    eventId: string,
    input: ClerkInvitationsInput,
    now: Date,
  ): Promise<ClerkInvitationsResult> {
    return this.dataSource.transaction(async (em) => {
      const event = await this.publishedEvent(em, eventId);
      if (event.endsAt.getTime() <= now.getTime()) {
        throw new DomainError(ErrorCode.CONFLICT, 'The event has ended; it can no longer be invited to');
      }
      const clerk = await this.invitations.clerk(em, user.sub);
      if (!clerk) throw new DomainError(ErrorCode.FORBIDDEN, 'Only clerks invite their members personally');
      const ids = input.memberIds;
      const [own, registered] = await Promise.all([
        this.invitations.ownMembers(em, user.sub, ids),
        this.invitations.registeredMembers(em, event.id, ids),
      ]);
      const note = input.note && input.note.length > 0 ? input.note : null;
      const results: ClerkInvitationResult[] = [];
      const messages: OutboxItem[] = [];
      for (const memberId of ids) {
        const result = await this.inviteOne(em, event, memberId, { own, registered }, user, now, note);
        results.push({ memberId, result });
        if (result === 'sent') {
          const from = { id: user.sub, name: clerk.name };
          messages.push(personalInvitationMessage(event, memberId, from, note, this.config.club.timezone));
        }
      }
      // A push to the phone takes the member's 3-day marketing slot like any other; capped, the inbox has it.
      const gated = await this.cap.gate(em, messages, now);
      await this.outbox.enqueue(em, gated, now);
      // The clerk is told, per member, whether her phone gets it too: `sent` alone reads as a push.
      const pushes = new Map(gated.map((m) => [m.memberId, m.platform]));
      return {
        results: results.map((r) => {
          const platform = pushes.get(r.memberId);
          if (r.result !== 'sent' || !platform) return r;
          return platform.skipReason === undefined
            ? { ...r, push: 'queued' as const }
            : { ...r, push: 'skipped' as const, ...(platform.skipCode ? { code: platform.skipCode } : {}) };
        }),
      };
    });
  }

  private async inviteOne(
    em: EntityManager,
    event: EventEntity,
    memberId: string,
    known: { own: Set<string>; registered: Set<string> },
    user: AuthUser,
    now: Date,
    note: string | null,
  ): Promise<ClerkInvitationResult['result']> {
    if (!known.own.has(memberId)) return 'not_your_member';
    if (known.registered.has(memberId)) return 'already_registered';
    if (!(await this.audience.isEligible(em, event, memberId, now))) return 'not_eligible';
    const added = await this.invitations.insertInvitation(em, {
      eventId: event.id,
      memberId,
      clerkId: user.sub,
      note,
      at: now,
    });
    return added ? 'sent' : 'already_invited';
  }

  /** The clerk to credit with a registration: whose personal invitation reached the member last, if any. */
  creditingClerk(em: EntityManager, eventId: string, memberId: string): Promise<string | null> {
    return this.invitations.latestInvitingClerk(em, eventId, memberId);
  }

  /** Personal invitations sent for the event, and per clerk invited → registered → attended. */
  async funnel(
    em: EntityManager,
    eventId: string,
  ): Promise<{ sent: number; clerks: ClerkInvitationFunnel[] }> {
    const [sent, rows] = await Promise.all([
      this.invitations.countInvitations(em, eventId),
      this.invitations.funnel(em, eventId),
    ]);
    return {
      sent,
      clerks: rows.map((r) => ({
        clerk: { id: r.clerkId, name: r.clerkName, storeId: r.storeId },
        invited: r.invited,
        registered: r.registered,
        attended: r.attended,
      })),
    };
  }

  private async publishedEvent(em: EntityManager, eventId: string): Promise<EventEntity> {
    const event = await this.events.findById(eventId, em);
    if (!event || event.status !== 'published') {
      throw new DomainError(ErrorCode.NOT_FOUND, `No published event with id ${eventId}`);
    }
    return event;
  }
}
