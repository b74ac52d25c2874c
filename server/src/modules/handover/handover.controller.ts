import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { HandoverInputSchema, IdParamSchema } from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { HandoverService, type HandoverResult } from './handover.service';

class HandoverDto extends createZodDto(HandoverInputSchema) {}
class StaffIdParamDto extends createZodDto(IdParamSchema) {}

@ApiTags('stores and staff')
@ApiBearerAuth()
@Controller('staff')
@Roles('manager')
export class HandoverController {
  constructor(private readonly handover: HandoverService) {}

  @Post(':id/handover')
  @HttpCode(200)
  run(
    @CurrentUser() user: AuthUser,
    @Param() params: StaffIdParamDto,
    @Body() body: HandoverDto,
  ): Promise<HandoverResult> {
    const targets = (body.mode === 'one' ? [body.toStaffId] : body.toStaffIds) as string[];
    return this.handover.handOver(
      user.sub,
      params.id,
      targets,
      body.mode === 'one' ? 'toStaffId' : 'toStaffIds',
    );
  }
}
