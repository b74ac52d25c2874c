import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_INVITATION_TEMPLATE, EVENT_REMINDER_TEMPLATE } from '../modules/events/invitations.messages';
import { SUBSCRIBE_TEMPLATE_KEYS } from './config.schema';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vip-club-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('applies the contract defaults: port 3000, embedded SQLite in CLUB_DATA_DIR, Asia/Shanghai, CNY', () => {
    const config = loadConfig({ CLUB_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      database: { kind: 'sqlite', path: join(dataDir, 'club.sqlite') },
      seedDemo: false,
      bootstrapManager: null,
      club: { timezone: 'Asia/Shanghai', currency: 'CNY' },
      wechat: { appId: undefined, apiBase: 'https://api.weixin.qq.com' },
      logLevel: 'info',
      webDir: null,
      rateLimit: { auth: { limit: 10, ttlMs: 60_000 } },
    });
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ CLUB_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '', WECHAT_APPID: '' });
    expect(config.database.kind).toBe('sqlite');
    expect(config.port).toBe(3000);
    expect(config.wechat.appId).toBeUndefined();
  });

  it('reads a MySQL URL, flags, the bootstrap manager and rate limits', () => {
    const config = loadConfig({
      CLUB_DATA_DIR: dataDir,
      DATABASE_URL: 'mysql://club:pw@127.0.0.1:3306/club',
      PORT: '8080',
      SEED_DEMO: 'true',
      BOOTSTRAP_MANAGER_USERNAME: 'boss',
      BOOTSTRAP_MANAGER_PASSWORD: 'long-enough-pw',
      AUTH_RATE_LIMIT: '3',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 8080,
      database: { kind: 'mysql', url: 'mysql://club:pw@127.0.0.1:3306/club' },
      seedDemo: true,
      bootstrapManager: { username: 'boss', password: 'long-enough-pw' },
      rateLimit: { auth: { limit: 3 } },
      logLevel: 'debug',
    });
  });

  it('is silent and lenient on the auth limit under test unless told otherwise', () => {
    const config = loadConfig({ CLUB_DATA_DIR: dataDir, NODE_ENV: 'test' });
    expect(config.logLevel).toBe('silent');
    expect(config.rateLimit.auth.limit).toBe(1000);
  });

  it('runs the background loops unless NODE_ENV=test, and CLUB_BACKGROUND_WORK overrides either way', () => {
    const work = (env: Record<string, string>) => loadConfig({ CLUB_DATA_DIR: dataDir, ...env }).backgroundWork;
    expect(work({})).toBe(true);
    expect(work({ NODE_ENV: 'production' })).toBe(true);
    expect(work({ NODE_ENV: 'test' })).toBe(false);
    expect(work({ NODE_ENV: 'test', CLUB_BACKGROUND_WORK: 'ON' })).toBe(true);
    expect(work({ NODE_ENV: 'production', CLUB_BACKGROUND_WORK: 'off' })).toBe(false);
    expect(work({ NODE_ENV: 'test', CLUB_BACKGROUND_WORK: '' })).toBe(false);
    expect(() => work({ CLUB_BACKGROUND_WORK: 'yes' })).toThrow(/CLUB_BACKGROUND_WORK: must be on or off/);
  });

  it('fails fast naming every bad variable', () => {
    const load = () =>
      loadConfig({
        CLUB_DATA_DIR: dataDir,
        PORT: 'eighty',
        DATABASE_URL: 'postgres://x/y',
        CLUB_TIMEZONE: 'Mars/Olympus',
        CLUB_CURRENCY: 'yuan',
        SEED_DEMO: 'maybe',
        WECHAT_API_BASE: 'ftp://example.com',
      });
    expect(load).toThrow(ConfigError);
    let message = '';
    try {
      load();
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'CLUB_TIMEZONE',
      'CLUB_CURRENCY',
      'SEED_DEMO',
      'WECHAT_API_BASE',
    ]) {
      expect(message).toContain(`${name}:`);
    }
  });

  it('requires JWT_SECRET in production with MySQL', () => {
    expect(() =>
      loadConfig({
        CLUB_DATA_DIR: dataDir,
        NODE_ENV: 'production',
        DATABASE_URL: 'mysql://u:p@db:3306/club',
      }),
    ).toThrow(/JWT_SECRET: is required when NODE_ENV=production/);
    expect(() => loadConfig({ CLUB_DATA_DIR: dataDir, JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: must be at least 32/,
    );
  });

  it('requires the manager username and password together', () => {
    expect(() => loadConfig({ CLUB_DATA_DIR: dataDir, BOOTSTRAP_MANAGER_USERNAME: 'boss' })).toThrow(
      /BOOTSTRAP_MANAGER_USERNAME and BOOTSTRAP_MANAGER_PASSWORD/,
    );
  });

  it('generates the JWT secret once into the data directory and reuses it', () => {
    const first = loadConfig({ CLUB_DATA_DIR: dataDir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(loadConfig({ CLUB_DATA_DIR: dataDir }).jwtSecret).toBe(first);
    const other = mkdtempSync(join(tmpdir(), 'vip-club-config-'));
    try {
      expect(loadConfig({ CLUB_DATA_DIR: other }).jwtSecret).not.toBe(first);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('prefers JWT_SECRET when given and writes no file', () => {
    const secret = 'x'.repeat(40);
    expect(loadConfig({ CLUB_DATA_DIR: dataDir, JWT_SECRET: secret }).jwtSecret).toBe(secret);
    expect(() => readFileSync(join(dataDir, 'jwt-secret'))).toThrow();
  });

  describe('subscribe-message template ids', () => {
    it('has none when no variable is set (the sandbox takes the keys themselves)', () => {
      const config = loadConfig({ CLUB_DATA_DIR: dataDir, WECHAT_TEMPLATE_EVENT_REMINDER: '  ' });
      expect(config.wechat.templates).toEqual({});
      expect(config.alipay.templates).toEqual({});
    });

    it('maps each template key to the id configured for its platform, trimmed', () => {
      const config = loadConfig({
        CLUB_DATA_DIR: dataDir,
        WECHAT_TEMPLATE_EVENT_INVITATION: 'Wx-Invite_1',
        WECHAT_TEMPLATE_EVENT_REMINDER: ' Wx-Remind_2\n',
        ALIPAY_TEMPLATE_EVENT_REMINDER: 'ali-remind-3',
        ALIPAY_TEMPLATE_EVENT_INVITATION: '',
      });
      expect(config.wechat.templates).toEqual({
        event_invitation: 'Wx-Invite_1',
        event_reminder: 'Wx-Remind_2',
      });
      expect(config.alipay.templates).toEqual({ event_reminder: 'ali-remind-3' });
    });

    it('rejects an id with spaces inside, naming the variable', () => {
      expect(() =>
        loadConfig({ CLUB_DATA_DIR: dataDir, ALIPAY_TEMPLATE_EVENT_INVITATION: 'event invitation' }),
      ).toThrow(/ALIPAY_TEMPLATE_EVENT_INVITATION: must be the template id/);
    });

    it('has a variable for every template the event messages are sent with', () => {
      // A new template key without WECHAT_/ALIPAY_TEMPLATE_<KEY> would be skipped on every real platform.
      expect(SUBSCRIBE_TEMPLATE_KEYS).toEqual(
        expect.arrayContaining([EVENT_INVITATION_TEMPLATE, EVENT_REMINDER_TEMPLATE]),
      );
    });
  });
});
