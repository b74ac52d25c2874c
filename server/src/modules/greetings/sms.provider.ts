import type { PlatformSandboxHost } from '../../platforms/platform-sandbox-host';

/** Sends one text message to a phone; throws when the provider refused or could not be reached. */
export abstract class SmsProvider {
  abstract send(message: { to: string; text: string }): Promise<void>;
}

const SMS_TIMEOUT_MS = 5_000;

/** A real SMS gateway over HTTP: `POST <base>/messages` `{to, text}` with the key as a bearer token. */
export class HttpSmsProvider extends SmsProvider {
  constructor(
    private readonly apiBase: string,
    private readonly apiKey: string | undefined,
  ) {
    super();
  }

  async send(message: { to: string; text: string }): Promise<void> {
    const res = await fetch(`${this.apiBase}/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.apiKey === undefined ? {} : { authorization: `Bearer ${this.apiKey}` }),
      },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`the SMS gateway answered ${res.status}`);
  }
}

/** While the club runs on the platform sandbox: the message is recorded, readable at `GET /sandbox/outbox?channel=sms`. */
export class SandboxSmsProvider extends SmsProvider {
  constructor(private readonly host: PlatformSandboxHost) {
    super();
  }

  async send(message: { to: string; text: string }): Promise<void> {
    const outbox = this.host.sandbox?.outbox;
    if (!outbox) throw new Error('the platform sandbox is not running');
    await outbox.record({
      channel: 'sms',
      to: message.to,
      templateId: null,
      data: { text: message.text },
      page: null,
    });
  }
}

/** The configured provider: the HTTP gateway when `SMS_API_BASE` is set, else the sandbox if it runs, else none. */
export function chooseSmsProvider(
  sms: { apiBase?: string; apiKey?: string },
  host: PlatformSandboxHost,
): SmsProvider | null {
  if (sms.apiBase !== undefined) return new HttpSmsProvider(sms.apiBase, sms.apiKey);
  return host.sandbox ? new SandboxSmsProvider(host) : null;
}
