import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rawQuery, rawWrite } from '../../database/raw-write';
import type { EventFanoutEntity } from './entities/event-fanout.entity';

type Row = Record<string, unknown>;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const isSqlite = (em: EntityManager) => em.connection.driver.options.type === 'better-sqlite3';

/** Registration statuses that hold or wait for seats. */
const LIVE = ['confirmed', 'waitlisted'];

export interface FunnelRow {
  clerkId: string;
  clerkName: string;
  storeId: string | null;
  invited: number;
  registered: number;
  attended: number;
}

/** The invitations tables: the publish fan-out's progress and the clerks' personal invitations. */
@Injectable()
export class InvitationsRepository {
  /** Gives every published event without a fan-out one, starting before its first member. */
  async createMissingFanouts(em: EntityManager, now: Date): Promise<number> {
    const ignore = isSqlite(em) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    return rawWrite(
      em,
      `${ignore} INTO event_fanouts (event_id, status, cursor_member_id, invited, created_at)
       SELECT e.id, 'running', NULL, 0, ? FROM events e
       WHERE e.status = 'published' AND NOT EXISTS (SELECT 1 FROM event_fanouts f WHERE f.event_id = e.id)`,
      [now],
    );
  }

  /**
   * Claims one running fan-out whose claim lapsed (or never was) for `claimant` until `until`: two
   * processes never page the same event at once. Read first, then claimed by primary key with the
   * conditions checked again (as the outbox claims its rows). Answers it, or null when none is free.
   */
  async claimFanout(
    em: EntityManager,
    claimant: string,
    now: Date,
    until: Date,
  ): Promise<EventFanoutEntity | null> {
    const free = "status = 'running' AND (claimed_until IS NULL OR claimed_until < ?)";
    const candidates = await rawQuery<Row>(em, `SELECT id FROM event_fanouts WHERE ${free} ORDER BY id`, [
      now,
    ]);
    let claimed = 0;
    for (const candidate of candidates) {
      claimed = await rawWrite(
        em,
        `UPDATE event_fanouts SET claimed_by = ?, claimed_until = ? WHERE id = ? AND ${free}`,
        [claimant, until, candidate.id, now],
      );
      if (claimed > 0) break;
    }
    if (claimed === 0) return null;
    const [row] = await rawQuery<Row>(
      em,
      "SELECT id, event_id, cursor_member_id, invited FROM event_fanouts WHERE claimed_by = ? AND status = 'running'",
      [claimant],
    );
    if (!row) return null;
    return {
      id: String(row.id),
      eventId: String(row.event_id),
      status: 'running',
      cursorMemberId: row.cursor_member_id === null ? null : String(row.cursor_member_id),
      invited: Number(row.invited),
      claimedBy: claimant,
      claimedUntil: until,
      createdAt: now,
      finishedAt: null,
    };
  }

  /**
   * Moves the cursor past a queued page (and finishes the fan-out after the last), only while
   * `claimant` still holds it; false when the claim was lost (the caller rolls the page back).
   */
  async advanceFanout(
    em: EntityManager,
    fanoutId: string,
    claimant: string,
    step: { cursorMemberId: string | null; queued: number; done: boolean; until: Date; now: Date },
  ): Promise<boolean> {
    const changed = await rawWrite(
      em,
      `UPDATE event_fanouts SET cursor_member_id = COALESCE(?, cursor_member_id), invited = invited + ?,
         claimed_until = ?, status = ?, finished_at = ?
       WHERE id = ? AND claimed_by = ? AND status = 'running'`,
      [
        step.cursorMemberId,
        step.queued,
        step.until,
        step.done ? 'done' : 'running',
        step.done ? step.now : null,
        fanoutId,
        claimant,
      ],
    );
    return changed === 1;
  }

  /** The event's count of invited members, once its fan-out has finished. */
  async setInvitedCount(em: EntityManager, eventId: string, fanoutId: string): Promise<void> {
    await rawWrite(
      em,
      'UPDATE events SET invited_count = (SELECT invited FROM event_fanouts WHERE id = ?) WHERE id = ?',
      [fanoutId, eventId],
    );
  }

  /** Fan-outs not yet finished (tests wait on this). */
  async runningFanouts(em: EntityManager): Promise<number> {
    const [row] = await rawQuery<Row>(
      em,
      "SELECT COUNT(*) AS n FROM event_fanouts WHERE status = 'running'",
      [],
    );
    return Number(row.n);
  }

  /** The clerk's name and store, or null when there is no such active clerk. */
  async clerk(em: EntityManager, clerkId: string): Promise<{ name: string; storeId: string | null } | null> {
    const [row] = await rawQuery<Row>(
      em,
      "SELECT name, store_id FROM staff WHERE id = ? AND role = 'clerk'",
      [clerkId],
    );
    return row
      ? { name: String(row.name), storeId: row.store_id === null ? null : String(row.store_id) }
      : null;
  }

  /** Of `memberIds`, who this clerk looks after (and is not erased). */
  async ownMembers(em: EntityManager, clerkId: string, memberIds: string[]): Promise<Set<string>> {
    if (memberIds.length === 0) return new Set();
    const rows = await rawQuery<Row>(
      em,
      `SELECT id FROM members WHERE clerk_id = ? AND erased_at IS NULL AND id IN (${marks(memberIds.length)})`,
      [clerkId, ...memberIds],
    );
    return new Set(rows.map((r) => String(r.id)));
  }

  /** Of `memberIds`, who holds or waits for seats at the event. */
  async registeredMembers(em: EntityManager, eventId: string, memberIds: string[]): Promise<Set<string>> {
    if (memberIds.length === 0) return new Set();
    const rows = await rawQuery<Row>(
      em,
      `SELECT member_id FROM event_registrations
       WHERE event_id = ? AND status IN (${marks(LIVE.length)}) AND member_id IN (${marks(memberIds.length)})`,
      [eventId, ...LIVE, ...memberIds],
    );
    return new Set(rows.map((r) => String(r.member_id)));
  }

  /** Of `memberIds`, whom this clerk has already invited to the event. */
  async invitedBy(
    em: EntityManager,
    eventId: string,
    clerkId: string,
    memberIds: string[],
  ): Promise<Set<string>> {
    if (memberIds.length === 0) return new Set();
    const rows = await rawQuery<Row>(
      em,
      `SELECT member_id FROM event_invitations WHERE event_id = ? AND clerk_id = ? AND member_id IN (${marks(memberIds.length)})`,
      [eventId, clerkId, ...memberIds],
    );
    return new Set(rows.map((r) => String(r.member_id)));
  }

  /** Records the invitation; false when this clerk had already invited this member to this event. */
  async insertInvitation(
    em: EntityManager,
    values: { eventId: string; memberId: string; clerkId: string; note: string | null; at: Date },
  ): Promise<boolean> {
    const ignore = isSqlite(em) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    const added = await rawWrite(
      em,
      `${ignore} INTO event_invitations (event_id, member_id, clerk_id, note, created_at) VALUES (?, ?, ?, ?, ?)`,
      [values.eventId, values.memberId, values.clerkId, values.note, values.at],
    );
    return added === 1;
  }

  /** The clerk whose personal invitation to the event reached the member last; null when none did. */
  async latestInvitingClerk(em: EntityManager, eventId: string, memberId: string): Promise<string | null> {
    const [row] = await rawQuery<Row>(
      em,
      'SELECT clerk_id FROM event_invitations WHERE event_id = ? AND member_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
      [eventId, memberId],
    );
    return row ? String(row.clerk_id) : null;
  }

  async countInvitations(em: EntityManager, eventId: string): Promise<number> {
    const [row] = await rawQuery<Row>(em, 'SELECT COUNT(*) AS n FROM event_invitations WHERE event_id = ?', [
      eventId,
    ]);
    return Number(row.n);
  }

  /**
   * Per inviting clerk: members invited, registrations credited to them (not cancelled), and of
   * those the ones checked in.
   */
  async funnel(em: EntityManager, eventId: string): Promise<FunnelRow[]> {
    const rows = await rawQuery<Row>(
      em,
      `SELECT s.id AS clerk_id, s.name AS clerk_name, s.store_id AS store_id, i.invited AS invited,
         (SELECT COUNT(*) FROM event_registrations r
           WHERE r.event_id = ? AND r.invited_by_clerk_id = s.id AND r.status IN (${marks(LIVE.length)})) AS registered,
         (SELECT COUNT(*) FROM event_registrations r
           WHERE r.event_id = ? AND r.invited_by_clerk_id = s.id AND r.checked_in_at IS NOT NULL) AS attended
       FROM (SELECT clerk_id, COUNT(*) AS invited FROM event_invitations WHERE event_id = ? GROUP BY clerk_id) i
       JOIN staff s ON s.id = i.clerk_id
       ORDER BY invited DESC, s.id ASC`,
      [eventId, ...LIVE, eventId, eventId],
    );
    return rows.map((r) => ({
      clerkId: String(r.clerk_id),
      clerkName: String(r.clerk_name),
      storeId: r.store_id === null ? null : String(r.store_id),
      invited: Number(r.invited),
      registered: Number(r.registered),
      attended: Number(r.attended),
    }));
  }
}
