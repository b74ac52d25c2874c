import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateRewardInputSchema,
  FulfilRedemptionInputSchema,
  IdParamSchema,
  type Paginated,
  PaginationQuerySchema,
  type RedemptionFulfilled,
  type Reward,
  UpdateRewardInputSchema,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { RedemptionsService } from './redemptions.service';
import { RewardsService } from './rewards.service';

class IdParamDto extends createZodDto(IdParamSchema) {}
class PaginationQueryDto extends createZodDto(PaginationQuerySchema) {}
class CreateRewardDto extends createZodDto(CreateRewardInputSchema) {}
class UpdateRewardDto extends createZodDto(UpdateRewardInputSchema) {}
class FulfilRedemptionDto extends createZodDto(FulfilRedemptionInputSchema) {}

/** Rewards as managers edit them, and pickup at the counter. */
@ApiTags('rewards')
@ApiBearerAuth()
@Controller()
export class RewardsStaffController {
  constructor(
    private readonly rewards: RewardsService,
    private readonly redemptions: RedemptionsService,
  ) {}

  @Post('rewards')
  @Roles('manager')
  @ApiOperation({ summary: 'Offer a reward', description: 'Recorded in the audit log.' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateRewardDto): Promise<Reward> {
    return this.rewards.create(user, body);
  }

  @Patch('rewards/:id')
  @Roles('manager')
  @ApiOperation({
    summary: 'Edit a reward',
    description:
      'Any of the fields. A new `stock` moves `stockLeft` by the same amount; below what members hold, 409 CONFLICT. ' +
      'Recorded in the audit log with the reward before and after.',
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateRewardDto,
  ): Promise<Reward> {
    return this.rewards.update(user, params.id, body);
  }

  @Get('rewards/manage')
  @Roles('manager')
  @ApiOperation({ summary: 'Every reward, newest first (the rewards editor)' })
  list(@Query() query: PaginationQueryDto): Promise<Paginated<Reward>> {
    return this.rewards.listForManager(query);
  }

  @Post('redemptions/fulfilments')
  @Roles('clerk', 'manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hand a redeemed reward over (scan of the pickup code)',
    description:
      'Unknown code 404; handed over already 409 ALREADY_FULFILLED; cancelled or returned 409 CONFLICT ' +
      '(details.status says which).',
  })
  fulfil(@CurrentUser() user: AuthUser, @Body() body: FulfilRedemptionDto): Promise<RedemptionFulfilled> {
    return this.redemptions.fulfil(user, body.code);
  }
}
