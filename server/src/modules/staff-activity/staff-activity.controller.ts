import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ClerkActivityQuerySchema,
  ClerkContactsQuerySchema,
  IdParamSchema,
  type ClerkActivityReport,
  type ClerkContacts,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../../common/auth/roles.decorator';
import { StaffActivityService } from './staff-activity.service';

class ClerkActivityQueryDto extends createZodDto(ClerkActivityQuerySchema) {}
class ClerkContactsQueryDto extends createZodDto(ClerkContactsQuerySchema) {}
class StaffIdParamDto extends createZodDto(IdParamSchema) {}

@ApiTags('stores and staff')
@ApiBearerAuth()
@Controller('staff')
@Roles('manager')
export class StaffActivityController {
  constructor(private readonly activity: StaffActivityService) {}

  @Get('activity')
  report(@Query() query: ClerkActivityQueryDto): Promise<ClerkActivityReport> {
    return this.activity.report(query);
  }

  @Get(':id/contacts')
  contacts(@Param() params: StaffIdParamDto, @Query() query: ClerkContactsQueryDto): Promise<ClerkContacts> {
    return this.activity.contacts(params.id, query);
  }
}
