import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { PlatformSandboxHost } from '../../platforms/platform-sandbox-host';
import { MembersModule } from '../members/members.module';
import { OutboxModule } from '../outbox/outbox.module';
import { MarketingCapModule } from './marketing-cap.module';
import { GreetingTemplatesController } from './greeting-templates.controller';
import { GreetingsController } from './greetings.controller';
import { GreetingsRepository } from './greetings.repository';
import { GreetingsService } from './greetings.service';
import { MemberContactsRegistration } from './member-contacts.registration';
import { chooseSmsProvider, SmsProvider } from './sms.provider';
import { WorklistController } from './worklist.controller';
import { WorklistRepository } from './worklist.repository';
import { WorklistService } from './worklist.service';

/** Clerks' relationships with their members: the daily worklist, greetings and the contact history. */
@Module({
  imports: [OutboxModule, MarketingCapModule, MembersModule],
  controllers: [WorklistController, GreetingsController, GreetingTemplatesController],
  providers: [
    WorklistService,
    WorklistRepository,
    GreetingsService,
    GreetingsRepository,
    MemberContactsRegistration,
    {
      provide: SmsProvider,
      useFactory: (config: AppConfig, host: PlatformSandboxHost) => chooseSmsProvider(config.sms, host),
      inject: [AppConfig, PlatformSandboxHost],
    },
  ],
})
export class GreetingsModule {}
