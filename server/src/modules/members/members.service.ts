import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type AssignClerkInput,
  type CardCode,
  ErrorCode,
  generateMemberNo,
  type JoinInputParsed,
  type JoinResponse,
  type LedgerEntry,
  type Me,
  type Member,
  type MemberDetail,
  type MemberLookupQuery,
  type MemberSummary,
  type Paginated,
  type PaginationQuery,
  type Platform,
  type Tier,
  parseBirthday,
  PhoneSchema,
  type UpdateMeInput,
} from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { parseCursor, toPage } from '../../common/pagination/page';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { isUniqueViolation } from '../../database/unique-violation';
import { PlatformLoginService } from '../../platforms/platform-login.service';
import { IdentitiesService } from '../auth/identities.service';
import { StaffService } from '../staff/staff.service';
import { StoresService } from '../stores/stores.service';
import { CardCodeService } from './card-code.service';
import { MemberHooks } from './member-hooks';
import { MemberContactsPort } from './member-contacts.port';
import { MemberPurchasesPort } from './member-purchases.port';
import type { MemberEntity } from './entities/member.entity';
import { ERASED_NAME, toCard, toLedgerEntry, toMe, toMember, toMemberSummary } from './members.mapper';
import { MembersRepository, type NewMember } from './members.repository';
import { PointsLedgerRepository } from './points-ledger.repository';

/** Referral codes avoid look-alikes (0/O, 1/I/L) because members read them to each other. */
export const REFERRAL_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const REFERRAL_CODE_LENGTH = 6;

const INDEX = {
  memberNo: { name: 'uq_members_member_no', table: 'members', columns: ['member_no'] },
  referralCode: { name: 'uq_members_referral_code', table: 'members', columns: ['referral_code'] },
  phone: { name: 'uq_members_phone', table: 'members', columns: ['phone'] },
};
const MAX_NUMBER_ATTEMPTS = 5;

/** How many purchases `GET /members/{id}` shows, the latest first. */
const DETAIL_PURCHASES = 20;
/** How many contacts `GET /members/{id}` shows, the latest first (the full history: `/members/{id}/contacts`). */
const DETAIL_CONTACTS = 20;

export function generateReferralCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i++) code += REFERRAL_ALPHABET[random(REFERRAL_ALPHABET.length)];
  return code;
}

/** Birthday columns from "MM-DD" / "YYYY-MM-DD" (already validated by the schema). */
export function birthdayColumns(
  text: string,
): Pick<MemberEntity, 'birthYear' | 'birthMonth' | 'birthDay' | 'birthMd' | 'birthdaySetAt'> {
  const birthday = parseBirthday(text);
  if (!birthday)
    throw validationError([{ path: 'birthday', message: 'must be a real date written MM-DD or YYYY-MM-DD' }]);
  return {
    birthYear: birthday.year ?? null,
    birthMonth: birthday.month,
    birthDay: birthday.day,
    birthMd: birthday.month * 100 + birthday.day,
    birthdaySetAt: new Date(),
  };
}

/** A member as the member-base import brings them in. */
export interface ImportedMemberInput {
  phone: string;
  name: string;
  /** "MM-DD" or "YYYY-MM-DD", already validated; null when the file had none. */
  birthday: string | null;
  tier: Tier;
  storeId: string | null;
  joinedAt: Date;
}

function uniqueInterests(interests: readonly string[]): string[] {
  return [...new Set(interests)];
}

@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MembersRepository,
    private readonly ledger: PointsLedgerRepository,
    private readonly identities: IdentitiesService,
    private readonly stores: StoresService,
    private readonly staff: StaffService,
    private readonly platforms: PlatformLoginService,
    private readonly cardCodes: CardCodeService,
    private readonly purchases: MemberPurchasesPort,
    private readonly contacts: MemberContactsPort,
    private readonly hooks: MemberHooks,
  ) {}

  /**
   * Joining. The phone comes from the platform (never typed). A phone already on a member who has
   * no account on this platform yet (a member who joined through the other platform, or was
   * imported) binds this account to that member; otherwise it is 409 PHONE_TAKEN.
   */
  async join(user: AuthUser, input: JoinInputParsed): Promise<JoinResponse> {
    const identity = await this.identities.require(user.identityId);
    if (identity.memberId !== null) throw alreadyMember();
    const phone = await this.phoneFromCode(identity.platform, input.phoneCode);
    if (!PhoneSchema.safeParse(phone).success) {
      throw validationError([
        { path: 'phoneCode', message: 'the platform did not give a mainland mobile number' },
      ]);
    }
    if (input.storeId !== undefined) await this.stores.require(input.storeId);
    const referrer =
      input.referralCode === undefined
        ? null
        : await this.members.findByReferralCode(input.referralCode.toUpperCase());

    for (let attempt = 1; ; attempt++) {
      try {
        const member = await this.dataSource.transaction(async (em) => {
          const existing = await this.members.findByPhone(phone, em);
          if (existing) {
            if (await this.identities.memberHasPlatform(existing.id, identity.platform, em)) {
              throw new DomainError(ErrorCode.PHONE_TAKEN, 'This phone number already belongs to a member', {
                field: 'phoneCode',
              });
            }
            await this.identities.bind(identity.id, existing.id, em);
            await this.hooks.joined({
              em,
              memberId: existing.id,
              isNew: false,
              phone,
              storeId: existing.storeId,
              referrerId: referrer?.id ?? null,
              at: new Date(),
            });
            return existing;
          }
          const now = new Date();
          const values: NewMember = {
            memberNo: await this.freshMemberNo(em),
            name: input.name,
            gender: input.gender,
            ...birthdayColumns(input.birthday),
            phone,
            interests: uniqueInterests(input.interests),
            occupation: input.occupation ?? null,
            storeId: input.storeId ?? null,
            clerkId:
              input.storeId === undefined ? null : await this.staff.leastLoadedClerk(input.storeId, em),
            points: 0,
            tier: 'friend',
            qualifyingSpend: 0,
            referralCode: await this.freshReferralCode(em),
            referredByCode: referrer?.referralCode ?? null,
            consentMarketing: input.consent.marketing,
            consentMarketingAt: now,
            joinedAt: now,
            erasedAt: null,
          };
          const created = await this.members.insert(values, em);
          await this.identities.bind(identity.id, created.id, em);
          await this.hooks.joined({
            em,
            memberId: created.id,
            isNew: true,
            phone,
            storeId: created.storeId,
            referrerId: referrer?.id ?? null,
            at: now,
          });
          return created;
        });
        const tokens = await this.identities.issueTokens({ ...identity, memberId: member.id });
        return { ...toMember(member), ...tokens };
      } catch (err) {
        if (isUniqueViolation(err, INDEX.phone)) {
          throw new DomainError(ErrorCode.PHONE_TAKEN, 'This phone number already belongs to a member', {
            field: 'phoneCode',
          });
        }
        const numberClash =
          isUniqueViolation(err, INDEX.memberNo) || isUniqueViolation(err, INDEX.referralCode);
        if (!numberClash || attempt >= MAX_NUMBER_ATTEMPTS) throw err;
      }
    }
  }

  /** The live member with this phone (erased members have none): the import matches rows on it. */
  findByPhone(phone: string, em?: EntityManager): Promise<MemberEntity | null> {
    return this.members.findByPhone(phone, em);
  }

  /**
   * A member of the chain's existing base, brought in by the import: numbered like a joining member,
   * with no platform account (joining later with this phone binds the account to them), no marketing
   * consent yet, and 0 points (the import credits the balance through the ledger).
   */
  async createImported(input: ImportedMemberInput, em: EntityManager): Promise<MemberEntity> {
    return this.members.insert(
      {
        memberNo: await this.freshMemberNo(em),
        name: input.name,
        gender: 'other',
        ...(input.birthday === null
          ? { birthYear: null, birthMonth: null, birthDay: null, birthMd: null, birthdaySetAt: null }
          : birthdayColumns(input.birthday)),
        phone: input.phone,
        interests: [],
        occupation: null,
        storeId: input.storeId,
        clerkId: input.storeId === null ? null : await this.staff.leastLoadedClerk(input.storeId, em),
        points: 0,
        tier: input.tier,
        qualifyingSpend: 0,
        referralCode: await this.freshReferralCode(em),
        referredByCode: null,
        consentMarketing: false,
        consentMarketingAt: null,
        joinedAt: input.joinedAt,
        erasedAt: null,
      },
      em,
    );
  }

  /** A member as they see themself (for the platform login answer). */
  async getOwn(memberId: string): Promise<Member | null> {
    const member = await this.members.findById(memberId);
    return member && member.erasedAt === null ? toMember(member) : null;
  }

  async me(user: AuthUser): Promise<Me> {
    return toMe(await this.requireSelf(user));
  }

  async updateMe(user: AuthUser, input: UpdateMeInput): Promise<Me> {
    const member = await this.requireSelf(user);
    const changes: Partial<NewMember> = {};
    if (input.birthday !== undefined) {
      if (member.birthMonth !== null) {
        throw new DomainError(
          ErrorCode.BIRTHDAY_LOCKED,
          'The birthday is set once; ask a clerk to correct it',
          { field: 'birthday' },
        );
      }
      Object.assign(changes, birthdayColumns(input.birthday));
    }
    if (input.name !== undefined) changes.name = input.name;
    if (input.interests !== undefined) changes.interests = uniqueInterests(input.interests);
    if (input.occupation !== undefined)
      changes.occupation = input.occupation === '' ? null : input.occupation;
    if (input.consent !== undefined && input.consent.marketing !== member.consentMarketing) {
      changes.consentMarketing = input.consent.marketing;
      changes.consentMarketingAt = new Date();
    }
    if (Object.keys(changes).length > 0) await this.members.update(member.id, changes);
    return toMe(await this.requireSelf(user));
  }

  async cardCode(user: AuthUser): Promise<CardCode> {
    const member = await this.requireSelf(user);
    return this.cardCodes.issue(member.id);
  }

  async points(user: AuthUser, query: PaginationQuery): Promise<Paginated<LedgerEntry>> {
    const member = await this.requireSelf(user);
    const rows = await this.ledger.listForMember(member.id, parseCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, toLedgerEntry);
  }

  /** Everything the club holds about the member, as the member may ask for it. */
  async exportData(user: AuthUser): Promise<Record<string, unknown>> {
    const member = await this.requireSelf(user);
    const [identities, ledger] = await Promise.all([
      this.identities.listByMember(member.id),
      this.ledger.listAllForMember(member.id),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      member: {
        ...toMe(member),
        referredByCode: member.referredByCode,
      },
      platformAccounts: identities.map((i) => ({
        platform: i.platform,
        linkedAt: i.createdAt.toISOString(),
      })),
      pointsLedger: ledger.map(toLedgerEntry),
    };
  }

  /**
   * Erasure: personal data is overwritten (name, phone, birthday, interests, occupation, consent),
   * platform accounts are unbound and sessions end. The member row, number and ledger stay, so
   * the club's points totals and history still add up.
   */
  async erase(user: AuthUser): Promise<void> {
    const member = await this.requireSelf(user);
    await this.dataSource.transaction(async (em) => {
      await this.hooks.erasing({ em, memberId: member.id, phone: member.phone, at: new Date() });
      await this.members.update(
        member.id,
        {
          name: ERASED_NAME,
          phone: null,
          birthYear: null,
          birthMonth: null,
          birthDay: null,
          birthMd: null,
          interests: [],
          occupation: null,
          consentMarketing: false,
          consentMarketingAt: new Date(),
          erasedAt: new Date(),
        },
        em,
      );
      await this.identities.unbindAndLogOut(member.id, em);
    });
  }

  /**
   * A clerk may look up any member by card code (the member is showing it at the counter) or by
   * phone (the clerk already knows the number); the phone comes back masked unless the member
   * belongs to the clerk's store. Managers see everything.
   */
  async lookup(viewer: AuthUser, query: MemberLookupQuery): Promise<MemberSummary> {
    const member =
      query.cardCode !== undefined
        ? await this.members.findById(this.cardCodes.verify(query.cardCode))
        : await this.members.findByPhone(query.phone as string);
    if (!member || member.erasedAt !== null) throw notFound();
    return toMemberSummary(member, viewer);
  }

  /**
   * A clerk reads her own store's members and her own members; a manager, everyone. Purchases and contacts: the latest
   * 20 of each, newest first.
   */
  async detail(viewer: AuthUser, id: string): Promise<MemberDetail> {
    const member = await this.members.findById(id);
    if (!member) throw notFound();
    // A clerk reads her own store's members and her own members wherever their home store is (a handover
    // may give her some from another store): the rule greetings and the contact history use too.
    const isOwnClerk = member.clerkId !== null && member.clerkId === viewer.sub;
    const isOwnStore = member.storeId !== null && member.storeId === viewer.storeId;
    if (viewer.role === 'clerk' && !isOwnClerk && !isOwnStore) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'This member belongs to another store');
    }
    const [purchases, contacts] = await Promise.all([
      this.purchases.latest(member.id, DETAIL_PURCHASES),
      this.contacts.latest(member.id, DETAIL_CONTACTS),
    ]);
    return { ...toMember(member, viewer), card: toCard(member), purchases, contacts };
  }

  /** A new personal clerk; the member's home store follows the clerk, so the clerk can serve them. */
  async assignClerk(viewer: AuthUser, id: string, input: AssignClerkInput): Promise<Member> {
    return this.dataSource.transaction(async (em) => {
      const member = await this.members.findById(id, em);
      if (!member || member.erasedAt !== null) throw notFound();
      const clerk = await this.staff.requireActiveClerk(input.clerkId, em);
      await this.members.update(member.id, { clerkId: clerk.id, storeId: clerk.storeId }, em);
      return toMember({ ...member, clerkId: clerk.id, storeId: clerk.storeId }, viewer);
    });
  }

  /** The calling member; an erased member's leftover access token is refused. */
  private async requireSelf(user: AuthUser): Promise<MemberEntity> {
    const member = user.role === 'member' ? await this.members.findById(user.sub) : null;
    if (!member || member.erasedAt !== null) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This membership no longer exists; log in again');
    }
    return member;
  }

  private async freshMemberNo(em: EntityManager): Promise<string> {
    for (let i = 0; i < MAX_NUMBER_ATTEMPTS; i++) {
      const memberNo = generateMemberNo(() => randomInt(1_000_000) / 1_000_000);
      if (!(await this.members.existsWith({ memberNo }, em))) return memberNo;
    }
    throw new Error('could not find a free member number');
  }

  private async freshReferralCode(em: EntityManager): Promise<string> {
    for (let i = 0; i < MAX_NUMBER_ATTEMPTS; i++) {
      const referralCode = generateReferralCode();
      if (!(await this.members.existsWith({ referralCode }, em))) return referralCode;
    }
    throw new Error('could not find a free referral code');
  }
  /** A phone code the platform refuses is a bad field of the join (400), not a lost session (401). */
  private async phoneFromCode(platform: Platform, phoneCode: string): Promise<string> {
    try {
      return await this.platforms.phoneFromCode(platform, phoneCode);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.PLATFORM_LOGIN_FAILED) {
        throw new DomainError(
          ErrorCode.PHONE_CODE_INVALID,
          'The platform did not confirm this phone number',
          [{ path: 'phoneCode', message: 'the platform did not accept this phone code' }],
        );
      }
      throw error;
    }
  }
}

function alreadyMember(): DomainError {
  return new DomainError(ErrorCode.ALREADY_MEMBER, 'This account has already joined the club');
}

function notFound(): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, 'No such member');
}
