import { Injectable } from '@nestjs/common';
import type { Platform } from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import { rawQuery, rawWrite } from '../../database/raw-write';
import { OutboxMessageEntity, type OutboxStatus } from './entities/outbox-message.entity';

export type NewOutboxRow = Pick<
  OutboxMessageEntity,
  | 'memberId'
  | 'topic'
  | 'ref'
  | 'channel'
  | 'title'
  | 'body'
  | 'data'
  | 'template'
  | 'templateFields'
  | 'page'
  | 'status'
  | 'error'
  | 'createdAt'
>;

/** Where a platform message would go, and whether the member allowed it. */
export interface PlatformTarget {
  memberId: string;
  template: string;
  consented: boolean;
  /** The platform of the member's accepted subscription and their user id there; null when none. */
  platform: Platform | null;
  platformUserId: string | null;
}

/** Rows per multi-row INSERT: 13 parameters each stays far below the drivers' placeholder limits. */
const INSERT_CHUNK = 500;

const insertIgnore = (em: EntityManager) =>
  em.connection.driver.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';

/** As TypeORM writes a `simple-json` column. */
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

@Injectable()
export class OutboxRepository {
  /** Inserts the rows whose (ref, channel) is new, in the caller's transaction. */
  async insertNew(em: EntityManager, rows: NewOutboxRow[]): Promise<void> {
    const columns =
      'member_id, topic, ref, channel, title, body, data, template, template_fields, page, status, error, attempts, created_at';
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      // Raw multi-row SQL: the query builder took over a second to build a page of a fan-out.
      await rawWrite(
        em,
        `${insertIgnore(em)} INTO message_outbox (${columns}) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)').join(', ')}`,
        chunk.flatMap((r) => [
          r.memberId,
          r.topic,
          r.ref,
          r.channel,
          r.title,
          r.body,
          json(r.data),
          r.template,
          json(r.templateFields),
          r.page,
          r.status,
          r.error,
          r.createdAt,
        ]),
      );
    }
  }

  /** Of `refs`, those already queued (their inbox row exists). */
  async queuedRefs(em: EntityManager, refs: string[]): Promise<Set<string>> {
    if (refs.length === 0) return new Set();
    const rows = await rawQuery<{ ref: string }>(
      em,
      `SELECT ref FROM message_outbox WHERE channel = 'inbox' AND ref IN (${refs.map(() => '?').join(', ')})`,
      refs,
    );
    return new Set(rows.map((r) => String(r.ref)));
  }

  /**
   * Marks up to `limit` deliverable rows as claimed by `claimant` until `until`, so two dispatchers (in
   * one process or several) never hold the same row while a claim holds; a claim that lapsed (its
   * dispatcher died) is taken over, and only `pending` rows are ever claimed. The candidates are read
   * first and claimed by primary key with the conditions checked again: a claim that scanned the status
   * index under locks deadlocked against deliveries updating the same rows by primary key.
   */
  async claim(em: EntityManager, claimant: string, now: Date, until: Date, limit: number): Promise<number> {
    const free = "status = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)";
    // Another dispatcher may claim the same candidates first; then look again past them.
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidates = await rawQuery<{ id: unknown }>(
        em,
        `SELECT id FROM message_outbox WHERE ${free} ORDER BY id LIMIT ${Number(limit)}`,
        [now],
      );
      if (candidates.length === 0) return 0;
      const ids = candidates.map((c) => String(c.id));
      const claimed = await rawWrite(
        em,
        `UPDATE message_outbox SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
         WHERE id IN (${ids.map(() => '?').join(', ')}) AND ${free}`,
        [claimant, until, ...ids, now],
      );
      if (claimed > 0) return claimed;
    }
    return 0;
  }

  /** The pending rows this claimant holds, oldest first. */
  claimed(em: EntityManager, claimant: string): Promise<OutboxMessageEntity[]> {
    return em
      .getRepository(OutboxMessageEntity)
      .createQueryBuilder('o')
      .where('o.claimed_by = :claimant', { claimant })
      .andWhere("o.status = 'pending'")
      .orderBy('o.id', 'ASC')
      .getMany();
  }

  /** Inbox copies: `member_notices.ref` is unique, so a row delivered twice still lands once. */
  async insertNotices(em: EntityManager, rows: OutboxMessageEntity[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    await rawWrite(
      em,
      `${insertIgnore(em)} INTO member_notices (member_id, kind, title, body, data, ref, created_at) VALUES ${rows
        .map(() => '(?, ?, ?, ?, ?, ?, ?)')
        .join(', ')}`,
      rows.flatMap((r) => [r.memberId, r.topic, r.title, r.body, json(r.data), r.ref, now]),
    );
  }

  /** Moves claimed rows from `from` to `to`; answers how many moved (0 when another dispatcher got there). */
  async transition(
    em: EntityManager,
    ids: string[],
    claimant: string,
    from: OutboxStatus,
    to: OutboxStatus,
    at: Date,
    error: string | null = null,
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const sentAt = to === 'sent' ? at : null;
    return rawWrite(
      em,
      `UPDATE message_outbox SET status = ?, sent_at = COALESCE(?, sent_at), error = ?
       WHERE id IN (${ids.map(() => '?').join(', ')}) AND claimed_by = ? AND status = ?`,
      [to, sentAt, error === null ? null : error.slice(0, 255), ...ids, claimant, from],
    );
  }

  /**
   * For each (member, template): marketing consent and the member's accepted subscription to that
   * template with their user id on its platform (the latest accepted one, when both platforms have it).
   */
  async platformTargets(
    em: EntityManager,
    wanted: Array<{ memberId: string; template: string }>,
  ): Promise<PlatformTarget[]> {
    if (wanted.length === 0) return [];
    const memberIds = [...new Set(wanted.map((w) => w.memberId))];
    const templates = [...new Set(wanted.map((w) => w.template))];
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    const consents = await rawQuery<{ id: unknown; consent: unknown }>(
      em,
      `SELECT id, consent_marketing AS consent FROM members WHERE id IN (${marks(memberIds.length)})`,
      memberIds,
    );
    const subscriptions = await rawQuery<{
      member_id: unknown;
      template: string;
      platform: Platform;
      platform_user_id: string;
    }>(
      em,
      `SELECT s.member_id, s.template, s.platform, i.platform_user_id
       FROM member_subscriptions s
       JOIN member_identities i ON i.member_id = s.member_id AND i.platform = s.platform
       WHERE s.accepted = 1 AND s.member_id IN (${marks(memberIds.length)}) AND s.template IN (${marks(templates.length)})
       ORDER BY s.updated_at ASC, i.id ASC`,
      [...memberIds, ...templates],
    );
    const consented = new Map(consents.map((c) => [String(c.id), Boolean(Number(c.consent))]));
    // Later rows win: the latest accepted subscription, and the member's latest identity on it.
    const targets = new Map<string, { platform: Platform; platformUserId: string }>();
    for (const s of subscriptions) {
      targets.set(`${String(s.member_id)}|${s.template}`, {
        platform: s.platform,
        platformUserId: s.platform_user_id,
      });
    }
    return wanted.map(({ memberId, template }) => {
      const target = targets.get(`${memberId}|${template}`);
      return {
        memberId,
        template,
        consented: consented.get(memberId) ?? false,
        platform: target?.platform ?? null,
        platformUserId: target?.platformUserId ?? null,
      };
    });
  }
}
