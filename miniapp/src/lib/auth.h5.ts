import type { PlatformAuth } from './auth.types';
import { readStored, writeStored } from './storage';

const SANDBOX_ID_KEY = 'club.sandbox.id';

function randomId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return `h5-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** `?as=<id>` in the address (before or after the `#`) logs in as that sandbox user, e.g. `demo-1`. */
function requestedId(): string | undefined {
  const search = window.location.search || window.location.hash.split('?')[1] || '';
  const id = new URLSearchParams(search.startsWith('?') ? search : `?${search}`).get('as');
  return id && /^[A-Za-z0-9_.:-]{1,64}$/.test(id) ? id : undefined;
}

/**
 * The browser build talks to the club's sandbox platform: the login code `sandbox:<id>` logs in
 * the sandbox user `<id>`, a random one kept in this browser unless the address names another.
 */
export const platformAuth: PlatformAuth = {
  platform: 'wechat',
  phoneMethod: 'typed',
  hasRequestedIdentity: () => requestedId() !== undefined,
  async loginCode() {
    const asked = requestedId();
    let id = asked ?? readStored<string>(SANDBOX_ID_KEY);
    if (!id) id = randomId();
    writeStored(SANDBOX_ID_KEY, id);
    return `sandbox:${id}`;
  },
  phoneCodeFromDigits(digits) {
    return `sandbox:${digits}`;
  },
  async phoneCodeFromAuthorization() {
    throw new Error('the browser build takes a typed phone number');
  },
};
