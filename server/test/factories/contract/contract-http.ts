// Sending one row of a contract table and checking the answer against CONTRACT.md's error shape.
// Every check starts with "never a 500": the contract promises bad input never gets one.
import type { Response } from 'supertest';
import { API, bearer } from '../club.factory';
import type { TestAgent } from '../../setup/test-app';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A request as a table row describes it; `raw` is sent byte for byte as `application/json`. */
export interface ContractRequest {
  method: Method;
  /** Under /api/v1, with ids and query already filled in. */
  path: string;
  token?: string;
  /** A JSON body (serialised by supertest). */
  body?: unknown;
  /** A body sent as is, for malformed or oversized JSON. */
  raw?: string;
  /** Defaults to application/json when a raw body is given. */
  contentType?: string;
}

export async function send(http: TestAgent, req: ContractRequest): Promise<Response> {
  let call = http[req.method](`${API}${req.path}`);
  if (req.token !== undefined) call = call.set(bearer(req.token));
  if (req.raw !== undefined) {
    return call.set('content-type', req.contentType ?? 'application/json').send(req.raw);
  }
  if (req.contentType !== undefined) call = call.set('content-type', req.contentType);
  return req.body === undefined ? call : call.send(req.body as object);
}

/** What a failure says about itself, for assertion messages that show the whole answer. */
export function describeAnswer(res: Response): string {
  return `${res.status} ${JSON.stringify(res.body)}`;
}

/**
 * The contract's error answer: the status, `{error: {code, message, details}}` with the code, a
 * human message, and (for VALIDATION_FAILED) `details` listing `{path, message}` per bad field.
 */
export function expectContractError(res: Response, status: number, code: string | readonly string[]): void {
  const codes = typeof code === 'string' ? [code] : code;
  const answer = describeAnswer(res);
  expect({ status: res.status, answer }).toEqual({ status, answer });
  expect(res.headers['content-type'] ?? '').toMatch(/^application\/json/);
  const error = (res.body as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error;
  expect(error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
  expect(codes).toContain(error?.code);
  expect(String(error?.message).length).toBeGreaterThan(0);
  if (error?.code === 'VALIDATION_FAILED') {
    expect(Array.isArray(error.details)).toBe(true);
    for (const detail of error.details as unknown[]) {
      expect(detail).toEqual(
        expect.objectContaining({ path: expect.any(String), message: expect.any(String) }),
      );
    }
  }
}

export function expectNever500(res: Response): void {
  expect({ status: res.status < 500, answer: describeAnswer(res) }).toEqual({
    status: true,
    answer: describeAnswer(res),
  });
}

/** The field paths a VALIDATION_FAILED answer names (`consent.marketing`, `interests.0`, `''` for the body). */
export function detailPaths(res: Response): string[] {
  const details = (res.body as { error?: { details?: unknown } }).error?.details;
  return Array.isArray(details) ? details.map((d) => String((d as { path?: unknown }).path)) : [];
}

/** A 400 VALIDATION_FAILED whose details name each of `fields` (as a path, or inside a path for array items). */
export function expectValidationFailed(res: Response, fields: readonly string[]): void {
  expectContractError(res, 400, 'VALIDATION_FAILED');
  const paths = detailPaths(res);
  for (const field of fields) {
    expect({ field, named: paths.some((p) => p === field || p.startsWith(`${field}.`)), paths }).toEqual({
      field,
      named: true,
      paths,
    });
  }
}

/** Sets `path` (`consent.marketing`) in a copy of `body`; `undefined` deletes the key. */
export function withField(
  body: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

export function withFields(
  body: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  return Object.entries(changes).reduce((acc, [path, value]) => withField(acc, path, value), body);
}

/** A string far past any field's limit (the contract's forms hold names, addresses and codes). */
export const OVERSIZED = 'x'.repeat(10_000);

/** Past the server's 64 KB body limit. */
export const OVER_LARGE_BYTES = 70 * 1024;

/** A JSON object body of more than 64 KB: the good body with one field padded. */
export function overLargeBody(good: Record<string, unknown>, field: string): string {
  return JSON.stringify(withField(good, field, 'y'.repeat(OVER_LARGE_BYTES)));
}

/** A good body cut short: what a client sends when its connection drops mid-write. */
export function truncatedJson(good: unknown): string {
  const text = JSON.stringify(good);
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}
