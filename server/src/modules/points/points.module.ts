import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { MembersModule } from '../members/members.module';
import { StoresModule } from '../stores/stores.module';
import { AdjustmentsService } from './adjustments.service';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { ClubCalendar } from './club-calendar';
import { ClubRulesRepository } from './club-rules.repository';
import { ClubRulesService } from './club-rules.service';
import { InboxService } from './inbox.service';
import { JobRunsRepository } from './job-runs.repository';
import { KnownStores } from './known-stores';
import { MemberPurchasesReaderImpl } from './member-purchases.reader';
import { MemberStandingRepository } from './member-standing.repository';
import { NoticesRepository } from './notices.repository';
import { PointsJobsRegistration } from './points-jobs.registration';
import { PointsJobsService } from './points-jobs.service';
import { PointsLedgerRepository } from './points-ledger.repository';
import { PointsLedgerService } from './points-ledger.service';
import { PointsStaffController } from './points-staff.controller';
import { PointsController } from './points.controller';
import { PurchaseHooks } from './purchase-hooks';
import { PurchasesRepository } from './purchases.repository';
import { PurchasesService } from './purchases.service';
import { RefundsRepository } from './refunds.repository';
import { RefundsService } from './refunds.service';

/** Points: the ledger and its lots, purchases and refunds, rules, adjustments, audit and the points jobs (run through the jobs module). */
@Module({
  imports: [MembersModule, StoresModule, JobsModule],
  controllers: [PointsController, PointsStaffController],
  providers: [
    PointsLedgerService,
    PointsLedgerRepository,
    ClubRulesService,
    ClubRulesRepository,
    ClubCalendar,
    MemberStandingRepository,
    PurchasesService,
    PurchasesRepository,
    PurchaseHooks,
    KnownStores,
    MemberPurchasesReaderImpl,
    RefundsService,
    RefundsRepository,
    ApiKeysService,
    ApiKeysRepository,
    ApiKeyGuard,
    AdjustmentsService,
    PointsJobsService,
    PointsJobsRegistration,
    JobRunsRepository,
    NoticesRepository,
    InboxService,
    AuditService,
    AuditRepository,
  ],
  exports: [PointsLedgerService, ClubRulesService, AuditService, PurchaseHooks],
})
export class PointsModule {}
