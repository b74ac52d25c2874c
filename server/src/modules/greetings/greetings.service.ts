import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  fillGreetingText,
  GREETING_CAP_DAYS,
  GREETING_TEMPLATE_KEY,
  greetingDeliveries,
  type GreetingDelivery,
  type GreetingInput,
  type GreetingPurpose,
  type GreetingResult,
  type GreetingTemplate,
  type GreetingTemplateInput,
  type GreetingTemplates,
  type MemberContact,
  type MemberContacts,
  zonedDateParts,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { isUniqueViolation } from '../../database/unique-violation';
import { OutboxService } from '../outbox/outbox.service';
import { retryOnDeadlock } from '../points/transaction-retry';
import type { GreetingTemplateEntity } from './entities/greeting-template.entity';
import type { MemberContactEntity } from './entities/member-contact.entity';
import { type GreetingMemberRow, GreetingsRepository } from './greetings.repository';
import { MarketingCapRepository } from './marketing-cap.repository';
import { SmsProvider } from './sms.provider';

const DAY = 86_400_000;
const STAFF_KEY_INDEX = {
  name: 'uq_member_contacts_staff_key',
  table: 'member_contacts',
  columns: ['staff_id', 'idempotency_key'],
};
const HISTORY_LIMIT = 100;
const TEMPLATES_LIMIT = 200;

export interface GreetingOutcome {
  created: boolean;
  body: GreetingResult;
}

/**
 * A clerk's personal greeting: text filled from the member, a delivery per channel as consent allows,
 * the club-wide 3-day marketing cap, and the contact logged on the member's history — all in one
 * transaction, so a refused greeting leaves no trace and a retry with the same key replays the first.
 */
@Injectable()
export class GreetingsService {
  private readonly logger = new Logger('Greetings');

  constructor(
    private readonly dataSource: DataSource,
    private readonly greetings: GreetingsRepository,
    private readonly caps: MarketingCapRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    // Null when no provider is configured and the sandbox is not running: SMS is then skipped.
    @Inject(SmsProvider) private readonly sms: SmsProvider | null,
  ) {}

  async send(user: AuthUser, input: GreetingInput, key: string, now = new Date()): Promise<GreetingOutcome> {
    const member = await this.greetings.findMember(input.memberId);
    if (!member) throw new DomainError(ErrorCode.NOT_FOUND, `No member with id ${input.memberId}`);
    if (member.clerkId !== user.sub && (member.storeId === null || member.storeId !== user.storeId)) {
      throw new DomainError(ErrorCode.FORBIDDEN, "A clerk greets their own store's members");
    }
    const template =
      input.templateId === undefined ? null : await this.greetings.findTemplate(input.templateId);
    if (input.templateId !== undefined && !template) {
      throw new DomainError(ErrorCode.NOT_FOUND, `No greeting template with id ${input.templateId}`);
    }
    const purpose: GreetingPurpose = input.purpose ?? template?.purpose ?? 'marketing';
    const earlier = await this.greetings.findByKey(user.sub, key);
    if (earlier) return { created: false, body: this.replay(earlier, input, purpose) };

    const text = fillGreetingText(template?.text ?? input.text ?? '', {
      name: member.name,
      tier: member.tier,
      birthday:
        member.birthMonth !== null && member.birthDay !== null
          ? { month: member.birthMonth, day: member.birthDay }
          : null,
      lastPurchase: member.lastPurchaseAt
        ? zonedDateParts(member.lastPurchaseAt, this.config.club.timezone)
        : null,
    });
    const deliveries = greetingDeliveries(input.channels, {
      purpose,
      hasMarketingConsent: member.consentMarketing,
      subscribedPlatform: await this.greetings.subscribedPlatform(member.id, GREETING_TEMPLATE_KEY),
      hasPhone: member.phone !== null,
      hasSmsProvider: this.sms !== null,
    });
    const isMarketing = purpose === 'marketing';
    if (isMarketing) await this.caps.ensureRow(member.id);

    let id: string;
    try {
      // A deadlock victim runs again: the cap row is taken first here, while a birthday page locks the
      // member's row (the gift's points) before the cap rows, and the contact's foreign key needs that row.
      id = await retryOnDeadlock(() =>
        this.dataSource.transaction(async (em) => {
          if (
            isMarketing &&
            !(await this.caps.takeOne(em, member.id, new Date(now.getTime() - GREETING_CAP_DAYS * DAY), now))
          ) {
            throw new DomainError(ErrorCode.CONTACT_CAP_REACHED);
          }
          const contactId = await this.greetings.insertContact(em, {
            memberId: member.id,
            staffId: user.sub,
            purpose,
            text,
            deliveries,
            idempotencyKey: key,
            at: now,
          });
          const platform = deliveries.find(
            (d) => d.status === 'queued' && (d.channel === 'wechat' || d.channel === 'alipay'),
          );
          await this.outbox.enqueue(
            em,
            [
              {
                memberId: member.id,
                topic: 'greeting',
                ref: `greeting:${contactId}`,
                title: '来自您的专属顾问',
                body: text,
                data: { contactId, staffId: user.sub },
                platform: platform ? { template: GREETING_TEMPLATE_KEY, fields: { text } } : undefined,
              },
            ],
            now,
          );
          return contactId;
        }),
      );
    } catch (err) {
      const capped = err instanceof DomainError && err.code === ErrorCode.CONTACT_CAP_REACHED;
      if (!capped && !isUniqueViolation(err, STAFF_KEY_INDEX)) throw err;
      // A retry that raced the first request with the same key finds the slot or the key taken by it.
      const first = await this.greetings.findByKey(user.sub, key);
      if (first) return { created: false, body: this.replay(first, input, purpose) };
      throw capped ? await this.capReached(member.id) : err;
    }
    return { created: true, body: { id, deliveries: await this.sendSms(id, member, text, deliveries) } };
  }

  async history(user: AuthUser, memberId: string): Promise<MemberContacts> {
    const member = await this.greetings.findMember(memberId);
    if (!member) throw new DomainError(ErrorCode.NOT_FOUND, `No member with id ${memberId}`);
    if (user.role === 'clerk' && member.clerkId !== user.sub && member.storeId !== user.storeId) {
      throw new DomainError(ErrorCode.FORBIDDEN, "A clerk sees their own store's members' history");
    }
    return { items: await this.latestContacts(memberId, HISTORY_LIMIT) };
  }

  /** The member's contacts, newest first, with who made each (no access check: the caller's). */
  async latestContacts(memberId: string, limit: number): Promise<MemberContact[]> {
    const rows = await this.greetings.history(memberId, limit);
    return rows.map((row) => ({
      id: row.id,
      staffId: row.staffId,
      staffName: row.staff?.name ?? '',
      purpose: row.purpose,
      text: row.text,
      deliveries: row.deliveries,
      at: row.at.toISOString(),
    }));
  }

  async listTemplates(): Promise<GreetingTemplates> {
    return { items: (await this.greetings.templates(TEMPLATES_LIMIT)).map(toTemplate) };
  }

  async createTemplate(
    user: AuthUser,
    input: GreetingTemplateInput,
    now = new Date(),
  ): Promise<GreetingTemplate> {
    return toTemplate(
      await this.greetings.insertTemplate({ ...input, createdByStaffId: user.sub, createdAt: now }),
    );
  }

  /** A retry answers the first greeting; the same key for another greeting is a client bug. */
  private replay(
    earlier: MemberContactEntity,
    input: GreetingInput,
    purpose: GreetingPurpose,
  ): GreetingResult {
    const sameChannels = earlier.deliveries.map((d) => d.channel).join() === input.channels.join();
    if (earlier.memberId !== input.memberId || earlier.purpose !== purpose || !sameChannels) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        'This Idempotency-Key was used for another greeting',
      );
    }
    return { id: earlier.id, deliveries: earlier.deliveries };
  }

  private async capReached(memberId: string): Promise<DomainError> {
    const last = await this.caps.lastMarketingAt(memberId);
    const nextAllowedAt = last ? new Date(last.getTime() + GREETING_CAP_DAYS * DAY).toISOString() : undefined;
    return new DomainError(
      ErrorCode.CONTACT_CAP_REACHED,
      `This member already had a marketing message from the club in the last ${GREETING_CAP_DAYS} days`,
      nextAllowedAt ? { nextAllowedAt } : undefined,
    );
  }

  /**
   * SMS goes out after the commit (at most once: a crash in between loses the SMS, never sends two);
   * a provider that refuses turns the delivery to `skipped` with its reason, on the history too.
   */
  private async sendSms(
    id: string,
    member: GreetingMemberRow,
    text: string,
    deliveries: GreetingDelivery[],
  ): Promise<GreetingDelivery[]> {
    const sms = deliveries.find((d) => d.channel === 'sms' && d.status === 'queued');
    if (!sms || !this.sms || member.phone === null) return deliveries;
    try {
      await this.sms.send({ to: member.phone, text });
      return deliveries;
    } catch (err) {
      const reason = `the SMS provider refused: ${err instanceof Error ? err.message : String(err)}`;
      this.logger.warn(`greeting ${id}: ${reason}`);
      const updated = deliveries.map((d): GreetingDelivery =>
        d === sms ? { channel: 'sms', status: 'skipped', reason, code: 'provider_refused' } : d,
      );
      await this.greetings.updateDeliveries(id, updated);
      return updated;
    }
  }
}

function toTemplate(row: GreetingTemplateEntity): GreetingTemplate {
  return {
    id: row.id,
    name: row.name,
    text: row.text,
    purpose: row.purpose,
    createdAt: row.createdAt.toISOString(),
  };
}
