import { CreateMembersStoresStaff1795400000000 } from './1795400000000-CreateMembersStoresStaff';
import { CreatePointsLots1795400100000 } from './1795400100000-CreatePointsLots';
import { CreatePurchasesRulesAudit1795400110000 } from './1795400110000-CreatePurchasesRulesAudit';
import { CreateRewardsRedemptions1795400200000 } from './1795400200000-CreateRewardsRedemptions';
import { CreateMemberImportRows1795400300100 } from './1795400300100-CreateMemberImportRows';
import { CreateEvents1795400400000 } from './1795400400000-CreateEvents';
import { CreateMessageOutbox1795400600000 } from './1795400600000-CreateMessageOutbox';
import { CreateEventRegistrations1795400500000 } from './1795400500000-CreateEventRegistrations';
import { CreateFollowUps1795400700000 } from './1795400700000-CreateFollowUps';
import { AddFeedbackStoreHours1795401200000 } from './1795401200000-AddFeedbackStoreHours';
import { CreateEventFanoutsInvitations1795400600100 } from './1795400600100-CreateEventFanoutsInvitations';
import { CreateMemberContacts1795401100000 } from './1795401100000-CreateMemberContacts';
import { CreateBirthdayGifts1795401300000 } from './1795401300000-CreateBirthdayGifts';
import { CreateInboxReadMarksReplies1795401400000 } from './1795401400000-CreateInboxReadMarksReplies';
import { CreateClerkHandovers1795401500000 } from './1795401500000-CreateClerkHandovers';
import { AddStaffPhone1795401600000 } from './1795401600000-AddStaffPhone';
import { CreateReferrals1795401000000 } from './1795401000000-CreateReferrals';
import { CreateGreetingTemplates1795401100100 } from './1795401100100-CreateGreetingTemplates';
import { CreateFeedbackPhotos1795401800000 } from './1795401800000-CreateFeedbackPhotos';
import { AddInsightsPeriodIndexes17954019000000 } from './17954019000000-AddInsightsPeriodIndexes';
import { AddMemberContactsStaffAtIndex17954019500000 } from './17954019500000-AddMemberContactsStaffAtIndex';
import { CoverPurchasesMemberIndex17954019600000 } from './17954019600000-CoverPurchasesMemberIndex';
import { AddFeedbackPhotosAttachedAt17954019700000 } from './17954019700000-AddFeedbackPhotosAttachedAt';

/** The mysql migrations in the order they run; a new migration is appended here. */
export const mysqlMigrations = [
  CreateMembersStoresStaff1795400000000,
  CreatePointsLots1795400100000,
  CreatePurchasesRulesAudit1795400110000,
  CreateRewardsRedemptions1795400200000,
  CreateMemberImportRows1795400300100,
  CreateEvents1795400400000,
  CreateEventRegistrations1795400500000,
  CreateMessageOutbox1795400600000,
  CreateEventFanoutsInvitations1795400600100,
  CreateFollowUps1795400700000,
  CreateReferrals1795401000000,
  CreateMemberContacts1795401100000,
  CreateGreetingTemplates1795401100100,
  AddFeedbackStoreHours1795401200000,
  CreateBirthdayGifts1795401300000,
  CreateInboxReadMarksReplies1795401400000,
  CreateClerkHandovers1795401500000,
  AddStaffPhone1795401600000,
  CreateFeedbackPhotos1795401800000,
  AddInsightsPeriodIndexes17954019000000,
  AddMemberContactsStaffAtIndex17954019500000,
  CoverPurchasesMemberIndex17954019600000,
  AddFeedbackPhotosAttachedAt17954019700000,
];
