import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PointsSummary, TiersPage } from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { ClubRulesService } from './club-rules.service';
import { PointsLedgerService } from './points-ledger.service';

/** Points as the member sees them. */
@ApiTags('points and purchases')
@ApiBearerAuth()
@Controller()
export class PointsController {
  constructor(
    private readonly ledger: PointsLedgerService,
    private readonly rules: ClubRulesService,
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
}
