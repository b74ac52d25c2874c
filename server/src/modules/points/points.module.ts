import { Module } from '@nestjs/common';
import { ClubRulesService } from './club-rules.service';
import { PointsLedgerRepository } from './points-ledger.repository';
import { PointsLedgerService } from './points-ledger.service';

/** Points: the ledger and its lots, purchases and refunds, rules, adjustments and the points jobs. */
@Module({
  providers: [PointsLedgerService, PointsLedgerRepository, ClubRulesService],
  exports: [PointsLedgerService, ClubRulesService],
})
export class PointsModule {}
