import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GREETING_TEMPLATE_KEY } from '@vip-club/shared';
import { SUBSCRIBE_TEMPLATE_KEYS } from '../../config/config.schema';
import { loadConfig } from '../../config/load-config';

// Greetings go out on WeChat/Alipay under the `greeting` template: a real platform needs its console id
// (WECHAT_/ALIPAY_TEMPLATE_GREETING), or the outbox skips the message on every real platform.
describe('the greeting subscribe template', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vip-club-greeting-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is a configurable template key', () => {
    expect(SUBSCRIBE_TEMPLATE_KEYS).toContain(GREETING_TEMPLATE_KEY);
  });

  it('takes its id per platform from the environment', () => {
    const config = loadConfig({
      CLUB_DATA_DIR: dataDir,
      WECHAT_TEMPLATE_GREETING: 'wx-greet-1',
      ALIPAY_TEMPLATE_GREETING: 'ali-greet-2',
    });
    expect(config.wechat.templates[GREETING_TEMPLATE_KEY]).toBe('wx-greet-1');
    expect(config.alipay.templates[GREETING_TEMPLATE_KEY]).toBe('ali-greet-2');
    expect(() => loadConfig({ CLUB_DATA_DIR: dataDir, WECHAT_TEMPLATE_GREETING: 'two words' })).toThrow(
      /WECHAT_TEMPLATE_GREETING/,
    );
  });

  it('reads SMS_API_BASE without a trailing slash and refuses a non-http one', () => {
    const config = loadConfig({
      CLUB_DATA_DIR: dataDir,
      SMS_API_BASE: 'https://sms.example.com/v2/',
      SMS_API_KEY: 'k',
    });
    expect(config.sms).toEqual({ apiBase: 'https://sms.example.com/v2', apiKey: 'k' });
    expect(loadConfig({ CLUB_DATA_DIR: dataDir }).sms).toEqual({ apiBase: undefined, apiKey: undefined });
    expect(() => loadConfig({ CLUB_DATA_DIR: dataDir, SMS_API_BASE: 'ftp://x' })).toThrow(/SMS_API_BASE/);
  });
});
