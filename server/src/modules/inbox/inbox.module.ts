import { Module } from '@nestjs/common';
import { InboxController } from './inbox.controller';
import { InboxStateRepository } from './inbox-state.repository';
import { InboxStateService } from './inbox-state.service';

/** The member's inbox state beside the list the points module serves: read mark and replies. */
@Module({
  controllers: [InboxController],
  providers: [InboxStateService, InboxStateRepository],
})
export class InboxModule {}
