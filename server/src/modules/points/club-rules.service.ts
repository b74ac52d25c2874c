import { Injectable } from '@nestjs/common';
import {
  DEFAULT_CLUB_RULES,
  DEFAULT_TIER_BENEFITS,
  type RuleSet,
  type RulesDocument,
  TIERS,
  type TiersPage,
} from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppConfig } from '../../config/app-config';
import { AuditService, auditActor } from './audit.service';
import { ClubRulesRepository } from './club-rules.repository';
import type { RuleSetEntity } from './entities/rule-set.entity';

/** The rules in force, with the id of the rule set they come from (recorded on each earning). */
export interface ActiveRules {
  /** Null only before the first migration seeded a rule set. */
  id: string | null;
  rules: RulesDocument;
  /** The club's time zone (config), in which birthdays and expiry months are reckoned. */
  timeZone: string;
}

/**
 * The club's rules as managers set them. Each change is a new rule set; the newest applies from the
 * moment it is saved, and older ones stay for the earnings that name them.
 */
@Injectable()
export class ClubRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly ruleSets: ClubRulesRepository,
    private readonly audit: AuditService,
  ) {}

  async active(em?: EntityManager): Promise<ActiveRules> {
    const newest = await this.ruleSets.newest(em ?? this.dataSource.manager);
    const timeZone = this.config.club.timezone;
    if (!newest) return { id: null, rules: { ...DEFAULT_CLUB_RULES, returnWindowDays: 0 }, timeZone };
    return { id: newest.id, rules: withDefaults(newest.rules), timeZone };
  }

  async current(): Promise<RuleSet> {
    const newest = await this.ruleSets.newest(this.dataSource.manager);
    if (!newest) {
      return {
        id: '0',
        rules: { ...DEFAULT_CLUB_RULES, returnWindowDays: 0 },
        createdAt: new Date(0).toISOString(),
        createdBy: null,
      };
    }
    return toRuleSet(newest);
  }

  async update(manager: AuthUser, rules: RulesDocument): Promise<RuleSet> {
    const now = new Date();
    const created = await this.dataSource.transaction(async (em) => {
      const before = await this.ruleSets.newest(em);
      const row = await this.ruleSets.insert(em, rules, manager.sub, now);
      await this.audit.record(
        em,
        {
          actor: auditActor(manager),
          action: 'rules.update',
          entity: 'rules',
          entityId: row.id,
          before: before ? { ruleSetId: before.id, ...before.rules } : null,
          after: { ruleSetId: row.id, ...rules },
        },
        now,
      );
      return row;
    });
    return toRuleSet(created);
  }

  /** The public part of the rules, for the member's tier page. */
  async tiersPage(): Promise<TiersPage> {
    const { rules } = await this.active();
    const benefits = rules.tierBenefits ?? DEFAULT_TIER_BENEFITS;
    return {
      tiers: TIERS.map((tier) => ({
        tier,
        minSpend: rules.tiers[tier].minSpend,
        earnRateBp: rules.tiers[tier].earnRateBp,
        benefits: benefits[tier],
      })),
      birthdayMultiplierBp: rules.birthdayMultiplierBp,
      tierWindowMonths: rules.tierWindowMonths,
      pointsLifeMonths: rules.pointsLifeMonths,
      returnWindowDays: rules.returnWindowDays,
    };
  }
}

function withDefaults(rules: RulesDocument): RulesDocument {
  return { ...rules, returnWindowDays: rules.returnWindowDays ?? 0 };
}

function toRuleSet(row: RuleSetEntity): RuleSet {
  return {
    id: row.id,
    rules: withDefaults(row.rules),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}
