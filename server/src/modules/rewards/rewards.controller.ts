import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  IdempotencyKeySchema,
  IdParamSchema,
  type Paginated,
  PaginationQuerySchema,
  RedeemInputSchema,
  type Redemption,
  type RedemptionCancelled,
  type RedemptionCreated,
  type RewardForMember,
} from '@vip-club/shared';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { parseInput } from '../../common/pipes/parse-input';
import { RedemptionsService } from './redemptions.service';
import { RewardsService } from './rewards.service';

class IdParamDto extends createZodDto(IdParamSchema) {}
class PaginationQueryDto extends createZodDto(PaginationQuerySchema) {}
class RedeemDto extends createZodDto(RedeemInputSchema) {}

/** The member's catalogue, redemptions and cancellations. */
@ApiTags('rewards')
@ApiBearerAuth()
@Controller()
export class RewardsController {
  constructor(
    private readonly rewards: RewardsService,
    private readonly redemptions: RedemptionsService,
  ) {}

  @Get('rewards')
  @Roles('member')
  @ApiOperation({
    summary: "The member's catalogue",
    description:
      'Every reward that has not ended, oldest first, with `redeemable` for one unit now and, when not, ' +
      '`reason`: NOT_ELIGIBLE (tier), NOT_AVAILABLE_YET, EXPIRED, OUT_OF_STOCK, LIMIT_REACHED, POINTS_INSUFFICIENT.',
  })
  catalogue(
    @CurrentUser() user: AuthUser,
    @Query() query: PaginationQueryDto,
  ): Promise<Paginated<RewardForMember>> {
    return this.rewards.catalogue(user, query);
  }

  @Get('rewards/:id')
  @Roles('member')
  @ApiOperation({ summary: 'One reward as the member sees it (an ended one too)' })
  one(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RewardForMember> {
    return this.rewards.oneForMember(user, params.id);
  }

  @Post('rewards/:id/redemptions')
  @Roles('member')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '1 to 64 printable characters, new per redemption',
  })
  @ApiOperation({
    summary: 'Redeem a reward',
    description:
      'Spends `pointsCost × quantity` points and `quantity` units of stock at once: 201 with the pickup code. ' +
      'The same Idempotency-Key again answers 200 with the first body; with another reward or quantity, 409 ' +
      'IDEMPOTENCY_CONFLICT. Refusals are 409 POINTS_INSUFFICIENT (a balance below zero included), OUT_OF_STOCK, ' +
      'LIMIT_REACHED, NOT_ELIGIBLE (tier, or outside the window: details.reason says which).',
  })
  async redeem(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: RedeemDto,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedemptionCreated> {
    const key = parseInput(IdempotencyKeySchema, idempotencyKey, 'Idempotency-Key');
    const outcome = await this.redemptions.redeem(user, params.id, body, key);
    reply.status(outcome.created ? 201 : 200);
    return outcome.body;
  }

  @Get('me/redemptions')
  @Roles('member')
  @ApiOperation({ summary: "The member's redemptions, newest first, with their pickup codes" })
  mine(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto): Promise<Paginated<Redemption>> {
    return this.redemptions.listMine(user, query);
  }

  @Post('redemptions/:id/cancellation')
  @Roles('member', 'manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a redemption before pickup',
    description:
      "Points, stock and the member's limit come back. A member cancels only their own (another's is 404); " +
      'a manager any. Handed over: 409 NOT_CANCELLABLE. Cancelling again answers the same and refunds nothing.',
  })
  cancel(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RedemptionCancelled> {
    return this.redemptions.cancel(user, params.id);
  }
}
