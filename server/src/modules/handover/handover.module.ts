import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { HandoverController } from './handover.controller';
import { HandoverService } from './handover.service';

/** A manager hands a leaving clerk's members to other clerks in one step. */
@Module({
  imports: [OutboxModule],
  controllers: [HandoverController],
  providers: [HandoverService],
})
export class HandoverModule {}
