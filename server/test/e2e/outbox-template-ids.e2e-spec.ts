import { DataSource } from 'typeorm';
import {
  EVENT_INVITATION_TEMPLATE,
  EVENT_REMINDER_TEMPLATE,
  invitationMessage,
  reminderMessage,
} from '../../src/modules/events/invitations.messages';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import { PlatformSandboxHost } from '../../src/platforms/platform-sandbox-host';
import { PlatformSandbox } from '../../src/platforms/sandbox/platform-sandbox';
import { API, bearer, joinMember, loginAsNewVisitor, unique } from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

// The club configured for real WeChat and Alipay (app ids, keys, API bases), both pointed at a
// sandbox this test runs itself: the club cannot tell it from the platforms, and its outbox shows
// exactly which template id each message was sent with.
describe('outbox on real platforms: console-issued template ids by template key', () => {
  const WECHAT_REMINDER_ID = 'wx-tpl-Reminder_9f3kQ';
  const ALIPAY_INVITATION_ID = 'ali-tpl-Invitation-7731';
  let platforms: PlatformSandbox;
  let club: TestApp;
  let outbox: OutboxService;
  let dataSource: DataSource;

  beforeAll(async () => {
    platforms = await PlatformSandbox.start();
    club = await startTestApp({
      env: {
        WECHAT_APPID: platforms.wechat.appId,
        WECHAT_SECRET: platforms.wechat.secret,
        WECHAT_API_BASE: platforms.wechatApiBase,
        // Only the reminder on WeChat and only the invitation on Alipay: each platform has one key unset.
        WECHAT_TEMPLATE_EVENT_REMINDER: WECHAT_REMINDER_ID,
        ALIPAY_APPID: platforms.alipay.appId,
        ALIPAY_PRIVATE_KEY: platforms.alipay.appPrivateKey,
        ALIPAY_PUBLIC_KEY: platforms.alipay.alipayPublicKey,
        ALIPAY_AES_KEY: platforms.alipay.aesKey,
        ALIPAY_GATEWAY: platforms.alipayGateway,
        ALIPAY_TEMPLATE_EVENT_INVITATION: ` ${ALIPAY_INVITATION_ID} `,
      },
    });
    outbox = club.app.get(OutboxService);
    dataSource = club.app.get(DataSource);
  });

  afterAll(async () => {
    await club?.close();
    await platforms?.stop();
  });

  const event = {
    id: '4242',
    title: '母亲节感恩晚宴',
    venue: '南京西路旗舰店',
    startsAt: new Date('2026-05-10T10:30:00Z'),
  };

  /** A member logged in on `platform` who accepted both event templates there; answers the user id. */
  async function subscribedMember(platform: 'wechat' | 'alipay'): Promise<{ id: string; to: string }> {
    const member = await joinMember(club.request);
    let token = member.accessToken;
    let to = member.visitor.platformUserId;
    if (platform === 'alipay') {
      // Joining on real Alipay needs its encrypted my.getPhoneNumber answer and the AES key to open
      // it, which this test does not set up: the member joins on WeChat and their Alipay account is
      // bound to them here, as joining with the same phone on Alipay would.
      const visitor = await loginAsNewVisitor(club.request, 'alipay');
      await dataSource.query(
        "UPDATE member_identities SET member_id = ? WHERE platform = 'alipay' AND platform_user_id = ?",
        [member.id, visitor.platformUserId],
      );
      token = (await loginAsNewVisitor(club.request, 'alipay', visitor.platformUserId)).accessToken;
      to = visitor.platformUserId;
    }
    await club.request
      .post(`${API}/me/subscriptions`)
      .set(bearer(token))
      .send({
        results: [
          { template: EVENT_INVITATION_TEMPLATE, accepted: true },
          { template: EVENT_REMINDER_TEMPLATE, accepted: true },
        ],
      })
      .expect(200);
    return { id: member.id, to };
  }

  const platformRow = async (ref: string): Promise<{ status: string; error: string | null }> => {
    const rows: Array<{ status: string; error: string | null }> = await dataSource.query(
      "SELECT status, error FROM message_outbox WHERE ref = ? AND channel = 'platform'",
      [ref],
    );
    return rows[0];
  };

  it('runs no sandbox of its own: both platforms are "real"', () => {
    expect(club.app.get(PlatformSandboxHost).sandbox).toBeNull();
  });

  const fields = { title: '母亲节感恩晚宴', time: '5月10日 18:30', venue: '南京西路旗舰店' };
  it.each([
    [
      'wechat',
      WECHAT_REMINDER_ID,
      'invitation',
      { thing1: fields.title, time2: fields.time, thing3: fields.venue },
    ],
    [
      'alipay',
      ALIPAY_INVITATION_ID,
      'reminder',
      // Alipay numbers the same keywords keyword1, keyword2, keyword3.
      { keyword1: fields.title, keyword2: fields.time, keyword3: fields.venue },
    ],
  ] as const)(
    '%s: sends the configured id, never the key; skips the key with no id, naming the variable',
    async (platform, configuredId, unconfigured, data) => {
      const member = await subscribedMember(platform);
      const invitation = invitationMessage(event, member.id, 'Asia/Shanghai');
      const reminder = reminderMessage(event, { id: unique('reg-'), memberId: member.id }, 'Asia/Shanghai');
      await dataSource.transaction((em) => outbox.enqueue(em, [invitation, reminder]));
      await outbox.dispatchAll();

      const [sentRef, skippedRef, skippedKey] =
        unconfigured === 'invitation'
          ? [reminder.ref, invitation.ref, EVENT_INVITATION_TEMPLATE]
          : [invitation.ref, reminder.ref, EVENT_REMINDER_TEMPLATE];
      expect(await platformRow(sentRef)).toEqual({ status: 'sent', error: null });
      const variable = `${platform.toUpperCase()}_TEMPLATE_${skippedKey.toUpperCase()}`;
      expect(await platformRow(skippedRef)).toEqual({
        status: 'skipped',
        error: `no template id configured for ${skippedKey} (${variable})`,
      });
      expect(platforms.outbox.list({ to: member.to })).toEqual([
        expect.objectContaining({
          channel: platform,
          templateId: configuredId,
          data,
          page: 'pages/events/index?id=4242',
        }),
      ]);
    },
  );
});
