import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { MemberPurchase } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { MemberPurchasesPort, type MemberPurchasesReader } from '../members/member-purchases.port';
import { PurchasesRepository } from './purchases.repository';

/** Plugs the points module's purchases into the members module's port, for `GET /members/{id}`. */
@Injectable()
export class MemberPurchasesReaderImpl implements MemberPurchasesReader, OnModuleInit {
  constructor(
    private readonly port: MemberPurchasesPort,
    private readonly purchases: PurchasesRepository,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.port.provide(this);
  }

  async latest(memberId: string, limit: number): Promise<MemberPurchase[]> {
    const rows = await this.purchases.latestOfMember(this.dataSource.manager, memberId, limit);
    return rows.map((row) => ({
      id: row.id,
      storeId: row.storeId,
      orderNo: row.orderNo,
      amount: row.amount,
      refundedAmount: row.refundedAmount,
      pointsEarned: row.pointsEarned,
      occurredAt: row.occurredAt.toISOString(),
    }));
  }
}
