// Follow-ups after a low rating, through HTTP on MariaDB with the clock frozen on club time: the first
// response, escalation of overdue ones to the managers (once, however often or concurrently the job
// runs), resolution telling the member, and each store's clerks seeing and acting only on their own.
import type { AuthTokens, Feedback, FollowUp, InboxItem, Paginated } from '@vip-club/shared';
import { FollowUpEscalationService } from '../../src/modules/follow-ups/follow-up-escalation.service';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import {
  API,
  bearer,
  CLERK_PASSWORD,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  type JoinedMember,
  loginManager,
  loginStaff,
  type StoreAndClerk,
} from '../factories/club.factory';
import { freezeClock, thawClock } from '../factories/registrations.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

// A Monday afternoon in Shanghai, inside the default 10:00–22:00 hours.
const T0 = Date.parse('2027-01-11T14:00:00+08:00');
const MINUTE = 60_000;

describe('follow-up first response, escalation and resolution', () => {
  let club: TestApp;
  let managerToken: string;
  let a: StoreAndClerk;
  let b: StoreAndClerk;
  let unanswered: FollowUp;
  let answered: FollowUp;
  let member: JoinedMember;

  const list = async (token: string, query = ''): Promise<FollowUp[]> =>
    (
      (await club.request.get(`${API}/staff/follow-ups?limit=100${query}`).set(bearer(token)).expect(200))
        .body as Paginated<FollowUp>
    ).items;
  const act = (token: string, id: string, action: 'first-response' | 'resolution', note: unknown) =>
    club.request.post(`${API}/follow-ups/${id}/${action}`).set(bearer(token)).send({ note });
  const runJob = (token: string) =>
    club.request.post(`${API}/jobs/follow-up-escalation/runs`).set(bearer(token));
  /**
   * Moves the frozen clock and answers a manager token valid then; the clerks log in again and the
   * member refreshes, since tokens from hours earlier on the frozen clock have expired.
   */
  async function at(ms: number): Promise<string> {
    freezeClock(ms);
    if (a && b && member) {
      for (const s of [a, b])
        s.clerkToken = (await loginStaff(club.request, s.clerk.username, CLERK_PASSWORD)).accessToken;
      const tokens = (
        await club.request.post(`${API}/auth/refresh`).send({ refreshToken: member.refreshToken }).expect(200)
      ).body as AuthTokens;
      Object.assign(member, tokens);
    }
    return (await loginManager(club.request)).accessToken;
  }

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = await at(T0);
    a = await createStoreAndClerk(club.request, managerToken);
    b = await createStoreAndClerk(club.request, managerToken);
    member = await joinMember(club.request, { storeId: a.store.id });
    const rate = async (rating: number): Promise<FollowUp> => {
      const f = (
        await club.request
          .post(`${API}/feedback`)
          .set(bearer(member.accessToken))
          .send({ subject: 'store', rating, comment: '服务不周' })
          .expect(201)
      ).body as Feedback;
      return (await list(managerToken)).find((x) => x.id === f.followUpId) as FollowUp;
    };
    unanswered = await rate(1);
    answered = await rate(2);
    thawClock();
  });
  afterEach(() => thawClock());
  afterAll(async () => {
    thawClock();
    await club?.close();
  });

  it("records the first response once, by the store's clerk", async () => {
    await at(T0 + 5 * MINUTE);
    expect(
      (await act(b.clerkToken, answered.id, 'first-response', '已致电').expect(403)).body.error.code,
    ).toBe('FORBIDDEN');
    const done = (await act(a.clerkToken, answered.id, 'first-response', ' 已致电顾客 ').expect(200))
      .body as FollowUp;
    expect(done).toMatchObject({
      firstRespondedAt: new Date(T0 + 5 * MINUTE).toISOString(),
      firstResponseNote: '已致电顾客',
      status: 'open',
      escalatedAt: null,
    });
    expect((await act(a.clerkToken, answered.id, 'first-response', '再次').expect(409)).body.error.code).toBe(
      'CONFLICT',
    );
  });

  it('escalates nothing before a deadline passes', async () => {
    const token = await at(T0 + 15 * MINUTE);
    expect((await runJob(token).expect(200)).body).toMatchObject({ escalated: 0 });
    expect(await list(token, '&escalated=true')).toEqual([]);
  });

  it('escalates an unanswered one once past the first-response deadline, however the job runs', async () => {
    const due = Date.parse(unanswered.firstResponseDueAt);
    expect(due).toBe(T0 + 15 * MINUTE);
    const token = await at(due + MINUTE);
    // Two passes at once (two servers): one escalates, the other finds it done.
    const escalation = club.app.get(FollowUpEscalationService);
    const both = await Promise.all([escalation.run(new Date()), escalation.run(new Date())]);
    expect(both.map((o) => (o.result as { escalated: number }).escalated).sort()).toEqual([0, 1]);
    expect((await runJob(token).expect(200)).body).toMatchObject({ escalated: 0 });

    const escalated = await list(token, '&escalated=true');
    expect(escalated.map((f) => [f.id, f.escalationReason, f.escalatedAt])).toEqual([
      [unanswered.id, 'first_response', new Date(due + MINUTE).toISOString()],
    ]);
    expect((await list(token, '&escalated=false')).map((f) => f.id)).toContain(answered.id);
  });

  it('escalates an answered one only when its resolution deadline passes', async () => {
    expect(answered.resolveDueAt).toBe(new Date(T0 + 3 * 60 * MINUTE).toISOString());
    const token = await at(Date.parse(answered.resolveDueAt) + 1);
    const run = (await runJob(token).expect(201)).body as { escalated: number; followUpIds: string[] };
    expect(run).toEqual({ escalated: 1, followUpIds: [answered.id] });
    const escalated = await list(token, '&escalated=true');
    expect(escalated.map((f) => [f.id, f.escalationReason])).toEqual([
      [unanswered.id, 'first_response'],
      [answered.id, 'resolution'],
    ]);
    // The earlier escalation keeps its first time.
    expect(escalated[0].escalatedAt).toBe(new Date(T0 + 16 * MINUTE).toISOString());
    expect((await runJob(token).expect(200)).body).toMatchObject({ escalated: 0 });
  });

  it("shows a clerk only their store's, and tells the member when it is resolved", async () => {
    const token = await at(T0 + 4 * 60 * MINUTE);
    expect((await list(b.clerkToken, '&escalated=true')).map((f) => f.id)).toEqual([]);
    expect((await list(a.clerkToken)).map((f) => f.id)).toEqual(
      expect.arrayContaining([unanswered.id, answered.id]),
    );
    await act(b.clerkToken, unanswered.id, 'resolution', '已处理').expect(403);
    const resolved = (await act(a.clerkToken, unanswered.id, 'resolution', '已上门致歉并更换').expect(200))
      .body as FollowUp;
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolutionNote: '已上门致歉并更换',
      // Resolving reached the member, though no first response was noted.
      firstRespondedAt: new Date(T0 + 4 * 60 * MINUTE).toISOString(),
    });
    await act(token, unanswered.id, 'resolution', '再次').expect(409);
    await act(a.clerkToken, unanswered.id, 'first-response', '迟到').expect(409);

    await club.app.get(OutboxService).dispatchAll();
    const inbox = (await club.request.get(`${API}/me/inbox`).set(bearer(member.accessToken)).expect(200)).body
      .items as InboxItem[];
    const told = inbox.filter((i) => i.kind === 'follow_up_resolved');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('已上门致歉并更换');
    expect(told[0].data).toMatchObject({ followUpId: unanswered.id });
    // Dispatching again delivers nothing twice.
    await club.app.get(OutboxService).dispatchAll();
    const again = (await club.request.get(`${API}/me/inbox`).set(bearer(member.accessToken)).expect(200)).body
      .items as InboxItem[];
    expect(again.filter((i) => i.kind === 'follow_up_resolved')).toHaveLength(1);
  });

  it('refuses bad input and other roles', async () => {
    const token = await at(T0 + 5 * 60 * MINUTE);
    expect(fieldsOf((await act(token, answered.id, 'first-response', '').expect(400)).body)).toEqual([
      'note',
    ]);
    expect(fieldsOf((await act(token, 'x', 'first-response', 'ok').expect(400)).body)).toEqual(['id']);
    await act(token, '999999999', 'first-response', 'ok').expect(404);
    await act(member.accessToken, answered.id, 'first-response', 'ok').expect(403);
    const bad = await club.request
      .get(`${API}/staff/follow-ups?escalated=maybe`)
      .set(bearer(token))
      .expect(400);
    expect(fieldsOf(bad.body)).toEqual(['escalated']);
    await runJob(a.clerkToken).expect(403);
  });
});
