import { Module } from '@nestjs/common';
import { IdentityModule } from '../auth/identity.module';
import { StaffModule } from '../staff/staff.module';
import { StoresModule } from '../stores/stores.module';
import { CardCodeService } from './card-code.service';
import { MemberContactsPort } from './member-contacts.port';
import { MemberHooks } from './member-hooks';
import { MemberPurchasesPort } from './member-purchases.port';
import { MembersStaffController } from './members-staff.controller';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';
import { PointsLedgerRepository } from './points-ledger.repository';

@Module({
  imports: [IdentityModule, StoresModule, StaffModule],
  controllers: [MembersController, MembersStaffController],
  providers: [
    MembersService,
    MembersRepository,
    PointsLedgerRepository,
    CardCodeService,
    MemberPurchasesPort,
    MemberContactsPort,
    MemberHooks,
  ],
  exports: [MembersService, CardCodeService, MemberPurchasesPort, MemberContactsPort, MemberHooks],
})
export class MembersModule {}
