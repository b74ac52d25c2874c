import { Injectable } from '@nestjs/common';
import type { RulesDocument } from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import { RuleSetEntity } from './entities/rule-set.entity';

@Injectable()
export class ClubRulesRepository {
  /** The rule set in force: the newest. */
  newest(em: EntityManager): Promise<RuleSetEntity | null> {
    return em.getRepository(RuleSetEntity).findOne({ where: {}, order: { id: 'DESC' } });
  }

  byId(em: EntityManager, id: string): Promise<RuleSetEntity | null> {
    return em.getRepository(RuleSetEntity).findOne({ where: { id } });
  }

  async insert(
    em: EntityManager,
    rules: RulesDocument,
    createdBy: string | null,
    at: Date,
  ): Promise<RuleSetEntity> {
    const values = { rules, createdBy, createdAt: at };
    const result = await em.getRepository(RuleSetEntity).insert(values);
    return { ...values, id: String(result.identifiers[0].id) };
  }
}
