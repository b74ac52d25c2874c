/** Fields that must never reach a log line: phone numbers, login codes, passwords and tokens. */
export const SENSITIVE_FIELDS = [
  'phone',
  'phoneCode',
  'password',
  'accessToken',
  'refreshToken',
  'code',
  'cardCode',
  'js_code',
  'session_key',
  'secret',
  'jwtSecret',
] as const;

const SENSITIVE_QUERY = new Set<string>(SENSITIVE_FIELDS.map((f) => f.toLowerCase()));

/** pino `redact` paths: the headers that carry credentials, and sensitive fields up to three levels deep. */
export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

/** `/staff/members/lookup?phone=13800138000` → `/staff/members/lookup?phone=[redacted]`. */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return url;
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeSafe(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
      return SENSITIVE_QUERY.has(name) && eq >= 0 ? `${pair.slice(0, eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
