// The `event-reminders` job on MariaDB: confirmed registrations of events starting tomorrow (club
// time) get one reminder each, however often the job runs; others get none.
import { type InboxItem, zonedDateParts, zonedStartOfDay } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import { API, bearer, type JoinedMember, joinMember, loginManager } from '../factories/club.factory';
import { createPublishedEvent, HOUR } from '../factories/events.factory';
import { register } from '../factories/registrations.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const TIME_ZONE = 'Asia/Shanghai';

/** Noon (club time) `days` club days from today. */
function clubNoonIn(days: number): Date {
  const today = zonedDateParts(new Date(), TIME_ZONE);
  const d = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  const start = zonedStartOfDay(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
    TIME_ZONE,
  );
  return new Date(start.getTime() + 12 * HOUR);
}

describe('event-reminders: the day before, once per registration', () => {
  let club: TestApp;
  let managerToken: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    club = await startTestApp({ env: { CLUB_TIMEZONE: TIME_ZONE } });
    managerToken = (await loginManager(club.request)).accessToken;
    dataSource = club.app.get(DataSource);
  });

  afterAll(async () => {
    await club?.close();
  });

  const eventStarting = (startsAt: Date, capacity = 10) =>
    createPublishedEvent(club.request, managerToken, {
      capacity,
      guestsAllowed: 0,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
      registration: {
        opensAt: new Date(Date.now() - HOUR).toISOString(),
        closesAt: new Date(startsAt.getTime() - HOUR).toISOString(),
      },
    });

  const remindersOf = async (member: JoinedMember): Promise<InboxItem[]> => {
    const res = await club.request
      .get(`${API}/me/inbox?limit=100`)
      .set(bearer(member.accessToken))
      .expect(200);
    return (res.body.items as InboxItem[]).filter((n) => n.kind === 'event_reminder');
  };

  const runReminders = () =>
    club.request.post(`${API}/jobs/event-reminders/runs`).set(bearer(managerToken)).send();

  it('reminds confirmed registrations of tomorrow’s events once, even when run twice', async () => {
    const tomorrow = await eventStarting(clubNoonIn(1), 2);
    const later = await eventStarting(clubNoonIn(3));
    const [ann, bo, cai, dan] = await Promise.all([0, 1, 2, 3].map(() => joinMember(club.request)));
    await register(club.request, ann.accessToken, tomorrow.id).expect(201);
    await register(club.request, bo.accessToken, tomorrow.id).expect(201);
    // Full: cai waits, and a waitlisted registration is not reminded.
    const waiting = await register(club.request, cai.accessToken, tomorrow.id).expect(201);
    expect(waiting.body.status).toBe('waitlisted');
    await register(club.request, dan.accessToken, later.id).expect(201);

    const first = await runReminders();
    expect(first.status).toBe(201);
    const second = await runReminders();
    expect(second.status).toBe(200);
    const outbox = club.app.get(OutboxService);
    await outbox.dispatchAll();
    await runReminders().expect(200);
    await outbox.dispatchAll();

    for (const member of [ann, bo]) {
      const reminders = await remindersOf(member);
      expect(reminders).toHaveLength(1);
      expect(reminders[0].title).toBe('活动明日举行');
      expect(reminders[0].body).toContain(tomorrow.title);
      expect(reminders[0].body).toContain('12:00');
    }
    expect(await remindersOf(cai)).toEqual([]);
    expect(await remindersOf(dan)).toEqual([]);

    const stamped: Array<{ member_id: unknown; reminded_at: unknown }> = await dataSource.query(
      'SELECT member_id, reminded_at FROM event_registrations WHERE event_id IN (?, ?) AND reminded_at IS NOT NULL',
      [tomorrow.id, later.id],
    );
    expect(stamped.map((r) => String(r.member_id)).sort()).toEqual([ann.id, bo.id].sort());
  });

  it('reminds a registration made after the first run at the next run', async () => {
    const tomorrow = await eventStarting(clubNoonIn(1));
    await runReminders();
    const late = await joinMember(club.request);
    await register(club.request, late.accessToken, tomorrow.id).expect(201);
    await runReminders().expect(201);
    await club.app.get(OutboxService).dispatchAll();
    expect(await remindersOf(late)).toHaveLength(1);
  });

  it('is listed with the jobs and refused to members', async () => {
    const jobs = await club.request.get(`${API}/jobs`).set(bearer(managerToken)).expect(200);
    expect(jobs.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'event-reminders', schedule: 'daily, from 10:00 club time' }),
      ]),
    );
    const member = await joinMember(club.request);
    await club.request
      .post(`${API}/jobs/event-reminders/runs`)
      .set(bearer(member.accessToken))
      .send()
      .expect(403);
  });
});
