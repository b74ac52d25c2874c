// The registration rush on MariaDB over real HTTP: 5,000 distinct members (every fifth with a guest)
// register at once for 200 seats, then 50 of the seated cancel at once.
//
// What must hold, checked against the database:
// - confirmed seats never exceed the capacity, and the seat counter equals the seats of confirmed rows;
// - everyone else is waitlisted, in arrival (id) order: no waitlisted registration arrived before a
//   confirmed one that needed as many seats or more (a later party may take a gap only if it is smaller);
// - no member holds two registrations; every balance equals the sum of that member's ledger;
// - after the cancellations the waitlist is promoted exactly to capacity. Exactly, not "as close as the
//   fitting rule allows": the rule leaves seats empty only when every waitlisted party is larger than
//   the gap, and here single members wait behind every pair.
import { Agent, request } from 'node:http';
import type { RegistrationCreated } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { API, bearer, loginManager } from '../factories/club.factory';
import { createPublishedEvent } from '../factories/events.factory';
import { type BulkMember, createBulkMembers } from '../factories/members-bulk.factory';
import { balancesAgainstLedger } from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const MEMBERS = 5000;
const CAPACITY = 200;
const CANCELLATIONS = 50;
const COST = 10;
/** Sockets in flight at once: every request is queued at once and overlaps the seat race. */
const SOCKETS = 400;

jest.setTimeout(180_000);

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe('events: the registration rush', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;
  let members: BulkMember[];
  let eventId: string;
  const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });

  beforeAll(async () => {
    club = await startTestApp();
    ds = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    members = await createBulkMembers(club, MEMBERS, { points: 100 });
    const event = await createPublishedEvent(club.request, managerToken, {
      capacity: CAPACITY,
      guestsAllowed: 1,
      pointsCost: COST,
    });
    eventId = event.id;
  });
  afterAll(async () => {
    agent.destroy();
    await club?.close();
  });

  function send(method: 'POST' | 'DELETE', path: string, token: string, body?: unknown): Promise<Answer> {
    const url = new URL(`${club.baseUrl}${API}${path}`);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent,
          headers: {
            ...bearer(token),
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString() || '{}'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  interface Row {
    id: string;
    memberId: string;
    status: string;
    seats: number;
  }

  async function registrations(): Promise<Row[]> {
    const rows: Array<Record<string, unknown>> = await ds.query(
      'SELECT id, member_id, status, seats FROM event_registrations WHERE event_id = ? ORDER BY id',
      [eventId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      memberId: String(r.member_id),
      status: String(r.status),
      seats: Number(r.seats),
    }));
  }

  async function seatCounter(): Promise<number> {
    const [row] = await ds.query('SELECT confirmed_seats FROM events WHERE id = ?', [eventId]);
    return Number(row.confirmed_seats);
  }

  /** Waitlisted W and confirmed C with W before C in line and C needing as many seats as W, or more. */
  function overtakes(rows: Row[]): Array<[Row, Row]> {
    const found: Array<[Row, Row]> = [];
    const waitlisted = rows.filter((r) => r.status === 'waitlisted');
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    for (const w of waitlisted) {
      for (const c of confirmed) {
        if (Number(c.id) > Number(w.id) && c.seats >= w.seats) found.push([w, c]);
      }
    }
    return found;
  }

  const confirmedSeats = (rows: Row[]) =>
    rows.filter((r) => r.status === 'confirmed').reduce((sum, r) => sum + r.seats, 0);

  it('seats at most the capacity, waitlists everyone else in arrival order, and never registers anyone twice', async () => {
    const started = Date.now();
    const guestsOf = (i: number) => (i % 5 === 0 ? 1 : 0);
    const answers = await Promise.all(
      members.map((m, i) =>
        send('POST', `/events/${eventId}/registrations`, m.accessToken, { guests: guestsOf(i) }),
      ),
    );
    const took = Date.now() - started;
    process.stdout.write(`rush: ${MEMBERS} registrations over HTTP in ${took} ms\n`);

    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 201: MEMBERS });

    const rows = await registrations();
    expect(rows).toHaveLength(MEMBERS);
    expect(new Set(rows.map((r) => r.memberId)).size).toBe(MEMBERS);
    const seated = confirmedSeats(rows);
    expect(seated).toBeLessThanOrEqual(CAPACITY);
    expect(await seatCounter()).toBe(seated);
    // Single members keep arriving after the room is nearly full, so the last seat is always taken.
    expect(seated).toBe(CAPACITY);
    expect(
      rows.filter((r) => r.status === 'confirmed').length +
        rows.filter((r) => r.status === 'waitlisted').length,
    ).toBe(MEMBERS);
    expect(overtakes(rows)).toEqual([]);

    // Each answer tells the truth about its row, and the waitlist positions are the line.
    const byId = new Map(rows.map((r) => [r.id, r]));
    const waitlistOrder = rows.filter((r) => r.status === 'waitlisted').map((r) => r.id);
    for (const [i, a] of answers.entries()) {
      const body = a.body as unknown as RegistrationCreated;
      const row = byId.get(body.id);
      expect(row).toMatchObject({ memberId: members[i].id, status: body.status, seats: 1 + guestsOf(i) });
      expect(body.balance).toBe(100 - COST);
      if (body.status === 'waitlisted')
        expect(body.waitlistPosition).toBe(waitlistOrder.indexOf(body.id) + 1);
    }

    const balances = await balancesAgainstLedger(
      ds,
      members.map((m) => m.id),
    );
    expect(balances.filter((b) => b.points !== b.ledgerSum || b.points !== 100 - COST)).toEqual([]);
  });

  it('promotes the waitlist exactly to capacity when 50 of the seated cancel at once', async () => {
    const before = await registrations();
    const memberById = new Map(members.map((m) => [m.id, m]));
    const leaving = before.filter((r) => r.status === 'confirmed').slice(0, CANCELLATIONS);
    expect(leaving.some((r) => r.seats === 2)).toBe(true);
    const waitingBefore = new Set(before.filter((r) => r.status === 'waitlisted').map((r) => r.id));

    const answers = await Promise.all(
      leaving.map((r) =>
        send('DELETE', `/events/${eventId}/registrations/me`, memberById.get(r.memberId)!.accessToken),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(leaving.map(() => 200));
    for (const a of answers)
      expect(a.body).toMatchObject({ status: 'cancelled', pointsReturned: COST, balance: 100 });

    const after = await registrations();
    expect(confirmedSeats(after)).toBe(CAPACITY);
    expect(await seatCounter()).toBe(CAPACITY);
    expect(overtakes(after)).toEqual([]);
    const promoted = after.filter((r) => r.status === 'confirmed' && waitingBefore.has(r.id));
    const freed = leaving.reduce((sum, r) => sum + r.seats, 0);
    expect(promoted.reduce((sum, r) => sum + r.seats, 0)).toBe(freed);
    // The promoted are the front of the line: no single still waits ahead of a promoted one.
    const stillWaiting = after.filter((r) => r.status === 'waitlisted');
    const lastPromoted = Math.max(...promoted.map((r) => Number(r.id)));
    expect(stillWaiting.filter((r) => r.seats === 1 && Number(r.id) < lastPromoted)).toEqual([]);

    const [{ n }] = await ds.query(
      "SELECT COUNT(*) AS n FROM message_outbox WHERE topic = 'event_promoted' AND channel = 'inbox' AND member_id IN (?)",
      [promoted.map((r) => r.memberId)],
    );
    expect(Number(n)).toBe(promoted.length);
    const balances = await balancesAgainstLedger(
      ds,
      members.map((m) => m.id),
    );
    expect(balances.filter((b) => b.points !== b.ledgerSum)).toEqual([]);
  });
});
