import { Injectable } from '@nestjs/common';
import type { Tier } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { rawDate } from '../../database/raw-write';
import { GreetingTemplateEntity } from './entities/greeting-template.entity';
import { MemberContactEntity } from './entities/member-contact.entity';

/** What a greeting needs to know about its member, read in one query with its reach. */
export interface GreetingMemberRow {
  id: string;
  name: string;
  tier: Tier;
  phone: string | null;
  storeId: string | null;
  clerkId: string | null;
  birthMonth: number | null;
  birthDay: number | null;
  consentMarketing: boolean;
  lastPurchaseAt: Date | null;
}

@Injectable()
export class GreetingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findMember(memberId: string): Promise<GreetingMemberRow | null> {
    const row = await this.dataSource.manager
      .createQueryBuilder()
      .select([
        'm.id AS id',
        'm.name AS name',
        'm.tier AS tier',
        'm.phone AS phone',
        'm.store_id AS storeId',
        'm.clerk_id AS clerkId',
        'm.birth_month AS birthMonth',
        'm.birth_day AS birthDay',
        'm.consent_marketing AS consentMarketing',
        '(SELECT MAX(p.occurred_at) FROM purchases p WHERE p.member_id = m.id) AS lastPurchaseAt',
      ])
      .from('members', 'm')
      .where('m.id = :memberId AND m.erased_at IS NULL', { memberId })
      .getRawOne<Record<string, unknown>>();
    if (!row) return null;
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      id: String(row.id),
      name: String(row.name),
      tier: row.tier as Tier,
      phone: text(row.phone),
      storeId: text(row.storeId),
      clerkId: text(row.clerkId),
      birthMonth: num(row.birthMonth),
      birthDay: num(row.birthDay),
      consentMarketing: Boolean(Number(row.consentMarketing)),
      lastPurchaseAt: row.lastPurchaseAt === null ? null : rawDate(row.lastPurchaseAt),
    };
  }

  /**
   * The platform the member last accepted `template` on, through an identity they still have there
   * (the outbox's dispatcher routes the message the same way), or null.
   */
  async subscribedPlatform(memberId: string, template: string): Promise<'wechat' | 'alipay' | null> {
    const row = await this.dataSource.manager
      .createQueryBuilder()
      .select('s.platform', 'platform')
      .from('member_subscriptions', 's')
      .innerJoin('member_identities', 'i', 'i.member_id = s.member_id AND i.platform = s.platform')
      .where('s.member_id = :memberId AND s.template = :template AND s.accepted = :yes', {
        memberId,
        template,
        yes: true,
      })
      .orderBy('s.updated_at', 'DESC')
      .getRawOne<{ platform: 'wechat' | 'alipay' }>();
    return row?.platform ?? null;
  }

  findByKey(staffId: string, idempotencyKey: string): Promise<MemberContactEntity | null> {
    return this.dataSource.manager.findOne(MemberContactEntity, { where: { staffId, idempotencyKey } });
  }

  async insertContact(
    em: EntityManager,
    values: Omit<MemberContactEntity, 'id' | 'member' | 'staff'>,
  ): Promise<string> {
    const result = await em.insert(MemberContactEntity, values);
    return String(result.identifiers[0].id);
  }

  async updateDeliveries(id: string, deliveries: MemberContactEntity['deliveries']): Promise<void> {
    await this.dataSource.manager.update(MemberContactEntity, { id }, { deliveries });
  }

  /** The member's contacts, newest first, with the name of who made each. */
  history(memberId: string, limit: number): Promise<MemberContactEntity[]> {
    return this.dataSource.manager.find(MemberContactEntity, {
      where: { memberId },
      relations: { staff: true },
      order: { at: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  findTemplate(id: string): Promise<GreetingTemplateEntity | null> {
    return this.dataSource.manager.findOne(GreetingTemplateEntity, { where: { id } });
  }

  templates(limit: number): Promise<GreetingTemplateEntity[]> {
    return this.dataSource.manager.find(GreetingTemplateEntity, { order: { id: 'DESC' }, take: limit });
  }

  async insertTemplate(
    values: Omit<GreetingTemplateEntity, 'id' | 'createdBy'>,
  ): Promise<GreetingTemplateEntity> {
    const result = await this.dataSource.manager.insert(GreetingTemplateEntity, values);
    return { ...values, id: String(result.identifiers[0].id) };
  }
}
