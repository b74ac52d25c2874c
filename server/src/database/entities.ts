import { MemberIdentityEntity } from '../modules/auth/entities/member-identity.entity';
import { RefreshTokenEntity } from '../modules/auth/entities/refresh-token.entity';
import { MemberImportRowEntity } from '../modules/member-import/entities/member-import-row.entity';
import { MemberEntity } from '../modules/members/entities/member.entity';
import { PointsLedgerEntryEntity } from '../modules/members/entities/points-ledger-entry.entity';
import { ApiKeyEntity } from '../modules/points/entities/api-key.entity';
import { AuditLogEntryEntity } from '../modules/points/entities/audit-log-entry.entity';
import { JobRunEntity } from '../modules/points/entities/job-run.entity';
import { MemberNoticeEntity } from '../modules/points/entities/member-notice.entity';
import { PointsLotEntity } from '../modules/points/entities/points-lot.entity';
import { PurchaseEntity } from '../modules/points/entities/purchase.entity';
import { RefundEntity } from '../modules/points/entities/refund.entity';
import { RuleSetEntity } from '../modules/points/entities/rule-set.entity';
import { RedemptionEntity } from '../modules/rewards/entities/redemption.entity';
import { RewardHoldingEntity } from '../modules/rewards/entities/reward-holding.entity';
import { RewardEntity } from '../modules/rewards/entities/reward.entity';
import { StaffEntity } from '../modules/staff/entities/staff.entity';
import { StoreEntity } from '../modules/stores/entities/store.entity';
import { EventEntity } from '../modules/events/entities/event.entity';
import { EventRegistrationEntity } from '../modules/events/entities/event-registration.entity';
import { FollowUpEntity } from '../modules/follow-ups/entities/follow-up.entity';
import { FeedbackEntity } from '../modules/feedback/entities/feedback.entity';
import { FeedbackPhotoEntity } from '../modules/feedback/entities/feedback-photo.entity';
import { MemberSubscriptionEntity } from '../modules/outbox/entities/member-subscription.entity';
import { OutboxMessageEntity } from '../modules/outbox/entities/outbox-message.entity';
import { EventFanoutEntity } from '../modules/events/entities/event-fanout.entity';
import { EventInvitationEntity } from '../modules/events/entities/event-invitation.entity';
import { MemberContactCapEntity } from '../modules/greetings/entities/member-contact-cap.entity';
import { MemberContactEntity } from '../modules/greetings/entities/member-contact.entity';
import { BirthdayGiftEntity } from '../modules/birthdays/entities/birthday-gift.entity';
import { BirthdayGiftSettingsEntity } from '../modules/birthdays/entities/birthday-gift-settings.entity';
import { InboxReadMarkEntity } from '../modules/inbox/entities/inbox-read-mark.entity';
import { InboxReplyEntity } from '../modules/inbox/entities/inbox-reply.entity';
import { ReferralEntity } from '../modules/referrals/entities/referral.entity';
import { ErasedPhoneEntity } from '../modules/referrals/entities/erased-phone.entity';
import { GreetingTemplateEntity } from '../modules/greetings/entities/greeting-template.entity';
import { ClerkHandoverEntity } from '../modules/handover/entities/clerk-handover.entity';

/**
 * Every TypeORM entity of the club, in one list: the app, the migration CLI and the drift test all
 * read it. Add an entity here when you add its class (and a migration for each driver).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ENTITIES: Function[] = [
  StoreEntity,
  StaffEntity,
  MemberEntity,
  PointsLedgerEntryEntity,
  MemberIdentityEntity,
  RefreshTokenEntity,
  PointsLotEntity,
  RuleSetEntity,
  PurchaseEntity,
  RefundEntity,
  ApiKeyEntity,
  AuditLogEntryEntity,
  MemberNoticeEntity,
  JobRunEntity,
  RewardEntity,
  RedemptionEntity,
  RewardHoldingEntity,
  MemberImportRowEntity,
  EventEntity,
  EventRegistrationEntity,
  FollowUpEntity,
  FeedbackEntity,
  FeedbackPhotoEntity,
  OutboxMessageEntity,
  MemberSubscriptionEntity,
  EventFanoutEntity,
  EventInvitationEntity,
  MemberContactEntity,
  MemberContactCapEntity,
  BirthdayGiftEntity,
  BirthdayGiftSettingsEntity,
  InboxReadMarkEntity,
  InboxReplyEntity,
  ReferralEntity,
  ErasedPhoneEntity,
  GreetingTemplateEntity,
  ClerkHandoverEntity,
];
