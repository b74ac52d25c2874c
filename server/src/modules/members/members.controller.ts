import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type CardCode,
  JoinInputSchema,
  type JoinResponse,
  type LedgerEntry,
  type Me,
  type Paginated,
  PaginationQuerySchema,
  UpdateMeInputSchema,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { MembersService } from './members.service';

class JoinDto extends createZodDto(JoinInputSchema) {}
class UpdateMeDto extends createZodDto(UpdateMeInputSchema) {}
class PaginationQueryDto extends createZodDto(PaginationQuerySchema) {}

/** The member's own routes. */
@ApiTags('members')
@ApiBearerAuth()
@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  /** Members may call it too, to be told 409 ALREADY_MEMBER rather than 403. */
  @Post('members')
  @Roles('visitor', 'member')
  join(@CurrentUser() user: AuthUser, @Body() body: JoinDto): Promise<JoinResponse> {
    return this.members.join(user, body);
  }

  @Get('me')
  @Roles('member')
  me(@CurrentUser() user: AuthUser): Promise<Me> {
    return this.members.me(user);
  }

  @Patch('me')
  @Roles('member')
  update(@CurrentUser() user: AuthUser, @Body() body: UpdateMeDto): Promise<Me> {
    return this.members.updateMe(user, body);
  }

  @Get('me/card-code')
  @Roles('member')
  cardCode(@CurrentUser() user: AuthUser): Promise<CardCode> {
    return this.members.cardCode(user);
  }

  @Get('me/points')
  @Roles('member')
  points(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto): Promise<Paginated<LedgerEntry>> {
    return this.members.points(user, query);
  }

  @Get('me/export')
  @Roles('member')
  exportData(@CurrentUser() user: AuthUser): Promise<Record<string, unknown>> {
    return this.members.exportData(user);
  }

  @Delete('me')
  @Roles('member')
  @HttpCode(204)
  erase(@CurrentUser() user: AuthUser): Promise<void> {
    return this.members.erase(user);
  }
}
