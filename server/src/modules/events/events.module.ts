import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { StoresModule } from '../stores/stores.module';
import { EventAudience } from './event-audience';
import { EventsStaffController } from './events-staff.controller';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

/**
 * Club events: the manager's editor and publication, members' reads and registrations, the
 * invitations fan-out, check-in and feedback. Each part registers its own providers here.
 */
@Module({
  imports: [MembersModule, PointsModule, JobsModule, StoresModule],
  controllers: [
    EventsController,
    EventsStaffController,
  ],
  providers: [
    EventsService,
    EventsRepository,
    EventAudience,
  ],
  exports: [EventsService, EventAudience],
})
export class EventsModule {}
