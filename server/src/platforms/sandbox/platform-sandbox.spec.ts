import { PlatformSandbox } from './platform-sandbox';

describe('PlatformSandbox', () => {
  let sandbox: PlatformSandbox;

  beforeAll(async () => {
    sandbox = await PlatformSandbox.start();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  async function stableToken(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await fetch(`${sandbox.wechatApiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  }

  it('listens on loopback only', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('keeps the stable token until it is forced or expires', async () => {
    const credentials = {
      grant_type: 'client_credential',
      appid: sandbox.wechat.appId,
      secret: sandbox.wechat.secret,
    };
    const first = await stableToken(credentials);
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect((await stableToken(credentials)).access_token).toBe(first.access_token);

    const forced = await stableToken({ ...credentials, force_refresh: true });
    expect(forced.access_token).not.toBe(first.access_token);

    sandbox.expireAccessTokens();
    expect((await stableToken(credentials)).access_token).not.toBe(forced.access_token);
  });

  it('answers WeChat’s errcodes for bad credentials and grant types', async () => {
    expect(
      await stableToken({ grant_type: 'client_credential', appid: 'wx-other', secret: 'x' }),
    ).toMatchObject({
      errcode: 40013,
    });
    const token = await fetch(
      `${sandbox.wechatApiBase}/cgi-bin/token?grant_type=password&appid=${sandbox.wechat.appId}&secret=${sandbox.wechat.secret}`,
    );
    expect(await token.json()).toMatchObject({ errcode: 40002 });
  });

  it('refuses calls without a valid access token', async () => {
    const call = (query: string) =>
      fetch(`${sandbox.wechatApiBase}/wxa/business/getuserphonenumber${query}`, {
        method: 'POST',
        body: JSON.stringify({ code: 'sandbox:13800138000' }),
      }).then((r) => r.json());
    expect(await call('')).toMatchObject({ errcode: 41001 });
    expect(await call('?access_token=made-up')).toMatchObject({ errcode: 40001 });
  });

  it('answers 404 for paths the platforms do not have', async () => {
    const res = await fetch(`${sandbox.url}/cgi-bin/nothing-here`);
    expect(res.status).toBe(404);
  });

  it('answers an unsigned or foreign Alipay request with a signed error_response', async () => {
    const res = await fetch(sandbox.alipayGateway, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        app_id: sandbox.alipay.appId,
        method: 'alipay.system.oauth.token',
        sign_type: 'RSA2',
      }),
    });
    const body = (await res.json()) as { error_response: Record<string, string>; sign: string };
    expect(body.error_response).toMatchObject({ code: '40002', sub_code: 'isv.invalid-timestamp' });
    expect(body.sign).toEqual(expect.any(String));
  });
});
