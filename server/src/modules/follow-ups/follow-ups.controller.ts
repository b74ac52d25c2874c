import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type FollowUp,
  FollowUpFirstResponseInputSchema,
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
class FollowUpFirstResponseDto extends createZodDto(FollowUpFirstResponseInputSchema) {}

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
      "Open ones by default (`?status=resolved` for the done), soonest due first, with both deadlines (counted in the store's opening hours). `?escalated=true`: those the `follow-up-escalation` job handed to the managers. A clerk sees their own store's; a manager every store's.",
  })
  list(@CurrentUser() user: AuthUser, @Query() query: FollowUpsQueryDto): Promise<Paginated<FollowUp>> {
    return this.followUps.list(user, query);
  }

  @Post('follow-ups/:id/first-response')
  @Roles('clerk', 'manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Note the member was reached',
    description:
      "Stops the first-response deadline. A clerk answers only their own store's (else 403 FORBIDDEN); again, or once resolved: 409 CONFLICT.",
  })
  respond(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: FollowUpFirstResponseDto,
  ): Promise<FollowUp> {
    return this.followUps.respond(user, params.id, body);
  }

  @Post('follow-ups/:id/resolution')
  @Roles('clerk', 'manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve a follow-up',
    description:
      "With a note of what was done; the member is told (`follow_up_resolved` in their inbox). A clerk resolves only their own store's (else 403 FORBIDDEN); again: 409 CONFLICT.",
  })
  resolve(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: FollowUpResolutionDto,
  ): Promise<FollowUp> {
    return this.followUps.resolve(user, params.id, body);
  }
}
