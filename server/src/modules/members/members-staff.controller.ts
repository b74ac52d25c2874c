import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AssignClerkInputSchema,
  IdParamSchema,
  type Member,
  type MemberDetail,
  MemberLookupQuerySchema,
  type MemberSummary,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { MembersService } from './members.service';

class LookupQueryDto extends createZodDto(MemberLookupQuerySchema) {}
class IdParamDto extends createZodDto(IdParamSchema) {}
class AssignClerkDto extends createZodDto(AssignClerkInputSchema) {}

/** Members as clerks and managers see them. */
@ApiTags('members')
@ApiBearerAuth()
@Controller()
export class MembersStaffController {
  constructor(private readonly members: MembersService) {}

  @Get('staff/members/lookup')
  @Roles('clerk', 'manager')
  @ApiOperation({
    summary: 'Find a member by card code or phone',
    description:
      'Any clerk may look up any member, whichever store they belong to: by card code the member is at the counter, ' +
      'by phone the clerk already knows the number. The phone is shown whole to managers and to clerks of the ' +
      "member's own store, masked (138****5678) to other clerks. A forged code is 400 CARD_CODE_INVALID, an expired " +
      'one 410 CARD_CODE_EXPIRED, an unknown or erased member 404 NOT_FOUND.',
  })
  lookup(@CurrentUser() user: AuthUser, @Query() query: LookupQueryDto): Promise<MemberSummary> {
    return this.members.lookup(user, query);
  }

  @Get('members/:id')
  @Roles('clerk', 'manager')
  @ApiOperation({
    summary: "A member's detail",
    description:
      "Clerks read their own store's members only (others: 403 FORBIDDEN); managers read every member.",
  })
  detail(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<MemberDetail> {
    return this.members.detail(user, params.id);
  }

  @Put('members/:id/clerk')
  @Roles('manager')
  @ApiOperation({
    summary: "Reassign a member's personal clerk",
    description: "The clerk must be an active clerk; the member's home store becomes the clerk's store.",
  })
  assignClerk(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: AssignClerkDto,
  ): Promise<Member> {
    return this.members.assignClerk(user, params.id, body);
  }
}
