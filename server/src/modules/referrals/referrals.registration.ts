import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MemberHooks } from '../members/member-hooks';
import { PurchaseHooks } from '../points/purchase-hooks';
import { ReferralsService } from './referrals.service';

/** Hooks referrals into joining, erasure, purchases and refunds, inside their transactions. */
@Injectable()
export class ReferralsRegistration implements OnModuleInit {
  constructor(
    private readonly memberHooks: MemberHooks,
    private readonly purchaseHooks: PurchaseHooks,
    private readonly referrals: ReferralsService,
  ) {}

  onModuleInit(): void {
    this.memberHooks.onJoined((event) => this.referrals.onJoined(event));
    this.memberHooks.onErasing((event) => this.referrals.onErasing(event));
    this.purchaseHooks.onRecorded((event) => this.referrals.onPurchase(event));
    this.purchaseHooks.onRefunded((event) => this.referrals.onRefund(event));
  }
}
