import { Module } from '@nestjs/common';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { MarketingCapModule } from '../greetings/marketing-cap.module';
import { JobsModule } from '../jobs/jobs.module';
import { MembersModule } from '../members/members.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PointsModule } from '../points/points.module';
import { StoresModule } from '../stores/stores.module';
import { EventAudience } from './event-audience';
import { EventsStaffController } from './events-staff.controller';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { EventRegistrationJobsRegistration } from './event-registration-jobs.registration';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';
import { EventRemindersRepository } from './event-reminders.repository';
import { EventRemindersService } from './event-reminders.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsFanout } from './invitations.fanout';
import { InvitationsRepository } from './invitations.repository';
import { EventInvitationsService } from './invitations.service';

/**
 * Club events: the manager's editor and publication, members' reads and registrations, the
 * invitations fan-out, check-in and feedback. Each part registers its own providers here.
 */
@Module({
  imports: [
    MembersModule,
    PointsModule,
    JobsModule,
    StoresModule,
    OutboxModule,
    FollowUpsModule,
    MarketingCapModule,
  ],
  controllers: [EventsController, EventsStaffController, InvitationsController, RegistrationsController],
  providers: [
    EventsService,
    EventsRepository,
    EventAudience,
    EventInvitationsService,
    InvitationsRepository,
    InvitationsFanout,
    EventRemindersService,
    EventRemindersRepository,
    RegistrationsService,
    RegistrationsRepository,
    EventRegistrationJobsRegistration,
  ],
  exports: [EventsService, EventAudience],
})
export class EventsModule {}
