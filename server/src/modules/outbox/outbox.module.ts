import { Module } from '@nestjs/common';
import { IdentityModule } from '../auth/identity.module';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Messages to members: `OutboxService.enqueue` in the caller's transaction, delivery to the inbox
 * and to WeChat/Alipay subscribe messages by the background dispatcher, and the members' template
 * subscriptions (`POST /me/subscriptions`).
 */
@Module({
  imports: [IdentityModule],
  controllers: [SubscriptionsController],
  providers: [
    OutboxService,
    OutboxRepository,
    OutboxDispatcher,
    SubscriptionsService,
    SubscriptionsRepository,
  ],
  exports: [OutboxService, OutboxDispatcher],
})
export class OutboxModule {}
