import type { Platform } from '@vip-club/shared';
import { PlatformError } from './platform-error';

/** How long any single platform call may take before it counts as unavailable. */
export const DEFAULT_PLATFORM_TIMEOUT_MS = 10_000;

/**
 * `fetch` that turns transport failures and 5xx answers into `PlatformError('unavailable')`, so
 * every client reports an unreachable platform the same way.
 */
export async function platformFetch(
  platform: Platform,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw new PlatformError(
      platform,
      'unavailable',
      'network',
      `${platform} unreachable: ${describe(cause)}`,
      {
        cause,
      },
    );
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new PlatformError(
      platform,
      'unavailable',
      `http_${response.status}`,
      `${platform} answered HTTP ${response.status}`,
    );
  }
  return response;
}

/** Reads a body as text, treating a connection dropped mid-body as unavailability. */
export async function readText(platform: Platform, response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (cause) {
    throw new PlatformError(platform, 'unavailable', 'network', `${platform} response cut short`, { cause });
  }
}

/** Parses a JSON body; anything else from the platform means we cannot trust the answer. */
export function parseJson(platform: Platform, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new PlatformError(
      platform,
      'unavailable',
      'bad_response',
      `${platform} answered with something other than JSON`,
      {
        cause,
      },
    );
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
  }
  return String(cause);
}
