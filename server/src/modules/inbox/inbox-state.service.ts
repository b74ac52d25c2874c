import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type InboxReadInput,
  type InboxReplies,
  type InboxRepliesQuery,
  type InboxReply,
  type InboxReplyInput,
  type InboxUnreadCount,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { InboxStateRepository } from './inbox-state.repository';

/** What the member has read in their inbox, and their replies to notices. */
@Injectable()
export class InboxStateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly state: InboxStateRepository,
  ) {}

  async unreadCount(memberId: string): Promise<InboxUnreadCount> {
    const em = this.dataSource.manager;
    const lastReadId = await this.state.lastReadId(em, memberId);
    return { count: await this.state.countAbove(em, memberId, lastReadId), lastReadId };
  }

  async markRead(memberId: string, input: InboxReadInput, now = new Date()): Promise<InboxUnreadCount> {
    const noticeId = await this.state.newestNoticeAtOrBelow(this.dataSource.manager, memberId, input.upToId);
    if (noticeId !== null) await this.state.raiseMark(this.dataSource.manager, memberId, noticeId, now);
    return this.unreadCount(memberId);
  }

  /**
   * `call_me` puts the member on their clerk's worklist (reason `call_me`) until a contact after it.
   * A second tap of the same reply answers the first one rather than an error.
   */
  async reply(
    memberId: string,
    noticeId: string,
    input: InboxReplyInput,
    now = new Date(),
  ): Promise<InboxReply> {
    const em = this.dataSource.manager;
    // Another member's notice is answered like a missing one, so ids cannot be probed.
    const notice = await this.state.findNotice(em, memberId, noticeId);
    if (notice === null) throw new DomainError(ErrorCode.NOT_FOUND, 'No such notice in your inbox');
    const stored = await this.state.insertReply(em, { noticeId, memberId, kind: input.kind, createdAt: now });
    return { noticeId, kind: stored.kind, repliedAt: stored.createdAt.toISOString() };
  }

  async replies(memberId: string, query: InboxRepliesQuery): Promise<InboxReplies> {
    const rows = await this.state.repliesTo(this.dataSource.manager, memberId, query.noticeIds);
    return {
      items: rows.map((r) => ({ noticeId: r.noticeId, kind: r.kind, repliedAt: r.createdAt.toISOString() })),
    };
  }
}
