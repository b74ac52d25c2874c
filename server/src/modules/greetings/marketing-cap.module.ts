import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { MarketingCapRepository } from './marketing-cap.repository';
import { MarketingCap } from './marketing-cap.service';

/** The club-wide marketing cap, shared by clerks' greetings and the automated senders. */
@Module({
  imports: [OutboxModule],
  providers: [MarketingCap, MarketingCapRepository],
  exports: [MarketingCap, MarketingCapRepository],
})
export class MarketingCapModule {}
