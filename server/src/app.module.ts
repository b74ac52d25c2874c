import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggingModule } from './common/logging/logging.module';
import { ZodValidationPipe } from './common/pipes/zod-validation.pipe';
import { throttlerOptions } from './common/rate-limit/auth-rate-limit';
import { AppConfig, type AppConfigShape } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { SeedModule } from './database/seed/seed.module';
import { AuthModule } from './modules/auth/auth.module';
import { EventsModule } from './modules/events/events.module';
import { FollowUpsModule } from './modules/follow-ups/follow-ups.module';
import { FeedbackModule } from './modules/feedback/feedback.module';
import { HealthModule } from './modules/health/health.module';
import { MemberImportModule } from './modules/member-import/member-import.module';
import { MembersModule } from './modules/members/members.module';
import { PointsModule } from './modules/points/points.module';
import { RewardsModule } from './modules/rewards/rewards.module';
import { StaffModule } from './modules/staff/staff.module';
import { StaffActivityModule } from './modules/staff-activity/staff-activity.module';
import { StaffChangesModule } from './modules/staff/staff-changes.module';
import { StoresModule } from './modules/stores/stores.module';
import { PlatformsModule } from './platforms/platforms.module';
import { OutboxModule } from './modules/outbox/outbox.module';
import { GreetingsModule } from './modules/greetings/greetings.module';
import { BirthdaysModule } from './modules/birthdays/birthdays.module';
import { InboxModule } from './modules/inbox/inbox.module';
import { ReferralsModule } from './modules/referrals/referrals.module';
import { HandoverModule } from './modules/handover/handover.module';
import { InsightsModule } from './modules/insights/insights.module';

/**
 * The club's feature modules. Add yours to the list.
 *
 * Start-up order on an empty database: migrations → bootstrap manager → demo seed. DatabaseModule
 * runs the migrations while the app is created, before any `onApplicationBootstrap` hook. Nest runs
 * those hooks dependencies first, so the seed module imports the module that creates the
 * bootstrap manager (and uses its exported service) to run after it.
 */
const FEATURE_MODULES: Array<Type | DynamicModule> = [
  HealthModule,
  AuthModule,
  StoresModule,
  StaffModule,
  MembersModule,
  PointsModule,
  RewardsModule,
  MemberImportModule,
  EventsModule,
  SeedModule,
  OutboxModule,
  FollowUpsModule,
  FeedbackModule,
  GreetingsModule,
  BirthdaysModule,
  InboxModule,
  ReferralsModule,
  HandoverModule,
  StaffChangesModule,
  StaffActivityModule,
  InsightsModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfigShape): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        ThrottlerModule.forRootAsync({ inject: [AppConfig], useFactory: throttlerOptions }),
        // Global; starts the sandbox for platforms without an app id (and only then its routes).
        PlatformsModule.forRoot(config),
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
      ],
    };
  }
}
