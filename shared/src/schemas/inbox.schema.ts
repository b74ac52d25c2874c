import { z } from 'zod';
import { INBOX_REPLY_KINDS } from '../contracts/inbox.contract';
import { IdSchema } from './common.schema';

/** `POST /me/inbox/read`: every notice up to this id (the newest one shown) is read. */
export const InboxReadInputSchema = z.strictObject({ upToId: IdSchema });
export type InboxReadInput = z.infer<typeof InboxReadInputSchema>;

/** `POST /me/inbox/{id}/reply`. */
export const InboxReplyInputSchema = z.strictObject({ kind: z.enum(INBOX_REPLY_KINDS) });
export type InboxReplyInput = z.infer<typeof InboxReplyInputSchema>;

/** `GET /me/inbox/replies?noticeIds=12,13`: my replies to those notices (up to 50 ids, comma-separated). */
export const InboxRepliesQuerySchema = z.strictObject({
  noticeIds: z
    .string()
    .transform((v) => v.split(','))
    .pipe(z.array(IdSchema).min(1).max(50)),
});
export type InboxRepliesQuery = z.infer<typeof InboxRepliesQuerySchema>;
