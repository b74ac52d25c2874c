import { Injectable } from '@nestjs/common';
import type { InboxItem, Paginated, PaginationQuery } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { parseCursor, toPage } from '../../common/pagination/page';
import type { MemberNoticeEntity } from './entities/member-notice.entity';
import { NoticesRepository } from './notices.repository';

/** The member's inbox: notices the club sent them, newest first. */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: NoticesRepository,
  ) {}

  async list(memberId: string, query: PaginationQuery): Promise<Paginated<InboxItem>> {
    const rows = await this.notices.listForMember(
      this.dataSource.manager,
      memberId,
      parseCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toInboxItem);
  }
}

function toInboxItem(row: MemberNoticeEntity): InboxItem {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    data: row.data ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
