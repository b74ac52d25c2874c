import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
  lookup(@CurrentUser() user: AuthUser, @Query() query: LookupQueryDto): Promise<MemberSummary> {
    return this.members.lookup(user, query);
  }

  @Get('members/:id')
  @Roles('clerk', 'manager')
  detail(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<MemberDetail> {
    return this.members.detail(user, params.id);
  }

  @Put('members/:id/clerk')
  @Roles('manager')
  assignClerk(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Body() body: AssignClerkDto): Promise<Member> {
    return this.members.assignClerk(user, params.id, body);
  }
}
