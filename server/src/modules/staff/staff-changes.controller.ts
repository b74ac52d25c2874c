import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamSchema, UpdateStaffInputSchema, type Staff } from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { StaffChangesService } from './staff-changes.service';

class UpdateStaffDto extends createZodDto(UpdateStaffInputSchema) {}
class StaffIdParamDto extends createZodDto(IdParamSchema) {}

@ApiTags('stores and staff')
@ApiBearerAuth()
@Controller('staff')
@Roles('manager')
export class StaffChangesController {
  constructor(private readonly changes: StaffChangesService) {}

  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: StaffIdParamDto,
    @Body() body: UpdateStaffDto,
  ): Promise<Staff> {
    return this.changes.update(user, params.id, body);
  }
}
