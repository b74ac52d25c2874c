import { Module } from '@nestjs/common';
import { StaffActivityController } from './staff-activity.controller';
import { StaffActivityRepository } from './staff-activity.repository';
import { StaffActivityService } from './staff-activity.service';

/** Clerk activity for managers: each clerk's contacts in a period and what followed them. */
@Module({
  controllers: [StaffActivityController],
  providers: [StaffActivityService, StaffActivityRepository],
})
export class StaffActivityModule {}
