import { z } from 'zod';
import { SANDBOX_OUTBOX_CHANNELS } from '../contracts/sandbox.contract';

/** `GET /sandbox/outbox?channel=&to=`: both filters optional. */
export const SandboxOutboxQuerySchema = z.strictObject({
  channel: z.enum(SANDBOX_OUTBOX_CHANNELS).optional(),
  to: z.string().min(1).max(128).optional(),
});
export type SandboxOutboxQuery = z.infer<typeof SandboxOutboxQuerySchema>;
