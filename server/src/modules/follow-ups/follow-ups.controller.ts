import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type FollowUp,
  FollowUpResolutionInputSchema,
  FollowUpsQuerySchema,
  IdParamSchema,
  type Paginated,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { FollowUpsService } from './follow-ups.service';

class IdParamDto extends createZodDto(IdParamSchema) {}
class FollowUpsQueryDto extends createZodDto(FollowUpsQuerySchema) {}
class FollowUpResolutionDto extends createZodDto(FollowUpResolutionInputSchema) {}

/** Follow-ups of low ratings, for the stores that must answer them. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller()
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get('staff/follow-ups')
  @Roles('clerk', 'manager')
  @ApiOperation({
    summary: 'Follow-ups to act on',
    description:
      "Open ones by default (`?status=resolved` for the done), soonest due first, with both deadlines. A clerk sees their own store's; a manager every store's.",
  })
  list(@CurrentUser() user: AuthUser, @Query() query: FollowUpsQueryDto): Promise<Paginated<FollowUp>> {
    return this.followUps.list(user, query);
  }

  @Post('follow-ups/:id/resolution')
  @Roles('clerk', 'manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve a follow-up',
    description:
      "With a note of what was done. A clerk resolves only their own store's (else 403 FORBIDDEN); again: 409 CONFLICT.",
  })
  resolve(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: FollowUpResolutionDto,
  ): Promise<FollowUp> {
    return this.followUps.resolve(user, params.id, body);
  }
}
