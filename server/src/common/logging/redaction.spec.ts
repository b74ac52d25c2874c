import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACT_PATHS, redactUrl } from './redaction';

function capture(): { logger: pino.Logger; lines: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
  return { logger, lines: () => chunks.join('') };
}

describe('log redaction', () => {
  it('hides credentials in request headers', () => {
    const { logger, lines } = capture();
    logger.info(
      { req: { headers: { authorization: 'Bearer eyJsecret', cookie: 'sid=abc', host: 'club' } } },
      'request',
    );
    expect(lines()).not.toContain('eyJsecret');
    expect(lines()).not.toContain('sid=abc');
    expect(lines()).toContain('club');
  });

  it('hides phone numbers, codes, passwords and tokens up to three levels deep', () => {
    const { logger, lines } = capture();
    logger.info({
      phone: '13800138000',
      body: { phoneCode: 'sandbox:13900139000', code: 'wx-login-code', password: 'hunter2' },
      result: { tokens: { accessToken: 'acc-123', refreshToken: 'ref-456' } },
      name: 'Li Na',
    });
    for (const secret of ['13800138000', '13900139000', 'wx-login-code', 'hunter2', 'acc-123', 'ref-456']) {
      expect(lines()).not.toContain(secret);
    }
    expect(lines()).toContain('Li Na');
  });

  it('hides sensitive query parameters in URLs and keeps the rest', () => {
    expect(redactUrl('/api/v1/staff/members/lookup?phone=13800138000&x=1')).toBe(
      '/api/v1/staff/members/lookup?phone=[redacted]&x=1',
    );
    expect(redactUrl('/api/v1/staff/members/lookup?cardCode=abc.def')).toBe(
      '/api/v1/staff/members/lookup?cardCode=[redacted]',
    );
    expect(redactUrl('/api/v1/health')).toBe('/api/v1/health');
  });
});
