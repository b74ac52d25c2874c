import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type InboxItem,
  type Paginated,
  PaginationQuerySchema,
  type PointsSummary,
  type TiersPage,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { ClubRulesService } from './club-rules.service';
import { InboxService } from './inbox.service';
import { PointsLedgerService } from './points-ledger.service';

class PaginationQueryDto extends createZodDto(PaginationQuerySchema) {}

/** Points as the member sees them. */
@ApiTags('points and purchases')
@ApiBearerAuth()
@Controller()
export class PointsController {
  constructor(
    private readonly ledger: PointsLedgerService,
    private readonly rules: ClubRulesService,
    private readonly inbox: InboxService,
  ) {}

  @Get('me/points/summary')
  @Roles('member')
  @ApiOperation({
    summary: "The member's points at a glance",
    description:
      'Balance, points pending in the return window, what may be spent, and what expires next and when.',
  })
  async summary(@CurrentUser() user: AuthUser): Promise<PointsSummary> {
    const now = new Date();
    const [balance, next] = await Promise.all([
      this.ledger.balance(undefined, user.sub, now),
      this.ledger.expiringNext(undefined, user.sub, now),
    ]);
    return {
      ...balance,
      expiringNext: next === null ? null : { points: next.points, expiresAt: next.expiresAt.toISOString() },
    };
  }

  @Get('tiers')
  @Roles('member', 'visitor', 'clerk', 'manager')
  @ApiOperation({
    summary: 'The tiers: thresholds, earn rates and benefits',
    description: 'The public part of the rules.',
  })
  tiers(): Promise<TiersPage> {
    return this.rules.tiersPage();
  }

  @Get('me/inbox')
  @Roles('member')
  @ApiOperation({
    summary: "The member's inbox, newest first",
    description: 'Notices such as points about to expire or a tier change.',
  })
  inboxList(
    @CurrentUser() user: AuthUser,
    @Query() query: PaginationQueryDto,
  ): Promise<Paginated<InboxItem>> {
    return this.inbox.list(user.sub, query);
  }
}
