/** Channels whose messages the sandbox catches instead of delivering. */
export const SANDBOX_OUTBOX_CHANNELS = ['wechat', 'alipay', 'sms'] as const;

/** A channel of the sandbox outbox. */
export type SandboxOutboxChannel = (typeof SANDBOX_OUTBOX_CHANNELS)[number];

/** One message a platform was asked to deliver while the club ran on the sandbox. */
export interface SandboxOutboxMessage {
  id: string;
  channel: SandboxOutboxChannel;
  /** WeChat openid, Alipay user id or phone number. */
  to: string;
  templateId: string | null;
  /** Template fields as `{key: value}`. */
  data: Record<string, string>;
  /** Mini-program page the message opens. */
  page: string | null;
  /** When the sandbox received it. */
  at: string;
}

/** `GET /sandbox/outbox`: newest first. */
export interface SandboxOutboxResponse {
  items: SandboxOutboxMessage[];
}
