import { Module } from '@nestjs/common';
import { MarketingCapModule } from '../greetings/marketing-cap.module';
import { JobsModule } from '../jobs/jobs.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PointsModule } from '../points/points.module';
import { BirthdayGiftsController } from './birthday-gifts.controller';
import { BirthdayGiftsRepository } from './birthday-gifts.repository';
import { BirthdayGiftsService } from './birthday-gifts.service';
import { BirthdaysJobService } from './birthdays-job.service';

/** Birthday gifts per tier and the daily `birthdays` job (gifts in the month, the greeting on the day). */
@Module({
  imports: [PointsModule, OutboxModule, JobsModule, MarketingCapModule],
  controllers: [BirthdayGiftsController],
  providers: [BirthdayGiftsService, BirthdayGiftsRepository, BirthdaysJobService],
})
export class BirthdaysModule {}
