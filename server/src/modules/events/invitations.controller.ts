import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ClerkInvitationsInputSchema,
  type ClerkInvitationsResult,
  IdParamSchema,
  type InvitableMember,
  type Paginated,
  PaginationQuerySchema,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { EventInvitationsService } from './invitations.service';

class IdParamDto extends createZodDto(IdParamSchema) {}
class PaginationQueryDto extends createZodDto(PaginationQuerySchema) {}
class ClerkInvitationsDto extends createZodDto(ClerkInvitationsInputSchema) {}

/** A clerk's personal invitations to a published event. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class InvitationsController {
  constructor(private readonly invitations: EventInvitationsService) {}

  @Get(':id/invitable')
  @Roles('clerk')
  @ApiOperation({
    summary: "The clerk's own members whom a published event invites",
    description:
      'In member id order, each with whether this clerk already invited them and whether they registered.',
  })
  invitable(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query() query: PaginationQueryDto,
  ): Promise<Paginated<InvitableMember>> {
    return this.invitations.invitable(user, params.id, query);
  }

  @Post(':id/invitations')
  @Roles('clerk')
  @ApiOperation({
    summary: 'Invite some of my members personally',
    description:
      'One result per member: sent, already_invited, already_registered, not_eligible or not_your_member. A registration that follows is credited to the clerk.',
  })
  invite(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ClerkInvitationsDto,
  ): Promise<ClerkInvitationsResult> {
    return this.invitations.invite(user, params.id, body);
  }
}
