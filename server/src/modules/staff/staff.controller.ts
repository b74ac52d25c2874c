import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateStaffInputSchema, StaffListQuerySchema, type Paginated, type Staff } from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../../common/auth/roles.decorator';
import { StaffService } from './staff.service';

class CreateStaffDto extends createZodDto(CreateStaffInputSchema) {}
class StaffListQueryDto extends createZodDto(StaffListQuerySchema) {}

@ApiTags('stores and staff')
@ApiBearerAuth()
@Controller('staff')
@Roles('manager')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  create(@Body() body: CreateStaffDto): Promise<Staff> {
    return this.staff.create(body);
  }

  @Get()
  list(@Query() query: StaffListQueryDto): Promise<Paginated<Staff>> {
    return this.staff.list(query);
  }
}
