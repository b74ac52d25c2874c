import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  IdParamSchema,
  type InboxReplies,
  InboxRepliesQuerySchema,
  type InboxReply,
  InboxReadInputSchema,
  InboxReplyInputSchema,
  type InboxUnreadCount,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { InboxStateService } from './inbox-state.service';

class IdParamDto extends createZodDto(IdParamSchema) {}
class InboxReadDto extends createZodDto(InboxReadInputSchema) {}
class InboxReplyDto extends createZodDto(InboxReplyInputSchema) {}
class InboxRepliesQueryDto extends createZodDto(InboxRepliesQuerySchema) {}

/** The member's inbox state: unread count, read mark and replies (the list is `GET /me/inbox`). */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller()
export class InboxController {
  constructor(private readonly inbox: InboxStateService) {}

  @Get('me/inbox/unread-count')
  @Roles('member')
  @ApiOperation({ summary: 'How many notices I have not read', description: 'Notices above my read mark.' })
  unreadCount(@CurrentUser() user: AuthUser): Promise<InboxUnreadCount> {
    return this.inbox.unreadCount(user.sub);
  }

  @Get('me/inbox/replies')
  @Roles('member')
  @ApiOperation({
    summary: 'My replies to some notices',
    description:
      '`?noticeIds=12,13` (up to 50): what I answered to each, so the inbox shows it after a reload.',
  })
  replies(@CurrentUser() user: AuthUser, @Query() query: InboxRepliesQueryDto): Promise<InboxReplies> {
    return this.inbox.replies(user.sub, query);
  }

  @Post('me/inbox/read')
  @Roles('member')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark my inbox read up to a notice',
    description:
      'Raises the read mark to my newest notice at or below `upToId`; it never goes down. Answers the new unread count.',
  })
  markRead(@CurrentUser() user: AuthUser, @Body() body: InboxReadDto): Promise<InboxUnreadCount> {
    return this.inbox.markRead(user.sub, body);
  }

  @Post('me/inbox/:id/reply')
  @Roles('member')
  @ApiOperation({
    summary: 'Answer a notice',
    description:
      "`thanks` or `call_me` (for my clerk), each once per notice: a repeat answers the first. Another member's notice: 404 NOT_FOUND.",
  })
  reply(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: InboxReplyDto,
  ): Promise<InboxReply> {
    return this.inbox.reply(user.sub, params.id, body);
  }
}
