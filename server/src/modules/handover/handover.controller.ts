import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { HandoverService, type HandoverResult } from './handover.service';

const Id = z.string().regex(/^[1-9][0-9]{0,18}$/);
const HandoverInputSchema = z
  .object({
    mode: z.enum(['spread', 'one']),
    toStaffIds: z.array(Id).min(1).max(50).optional(),
    toStaffId: Id.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.mode === 'spread' && !v.toStaffIds)
      ctx.addIssue({ code: 'custom', path: ['toStaffIds'], message: 'Required' });
    if (v.mode === 'one' && !v.toStaffId)
      ctx.addIssue({ code: 'custom', path: ['toStaffId'], message: 'Required' });
  });
class HandoverDto extends createZodDto(HandoverInputSchema) {}
class StaffIdParamDto extends createZodDto(z.object({ id: Id })) {}

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
