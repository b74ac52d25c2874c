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
const CACHE_MS = 2_000;

@Injectable()
export class ClubRulesService {
  private cached: { value: ActiveRules; until: number } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly ruleSets: ClubRulesRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The rules in force. Every purchase asks (twice), so the answer is kept for a moment; a change made
   * through this process applies at once, one made through another server within `CACHE_MS`.
   */
  async active(em?: EntityManager): Promise<ActiveRules> {
    const now = Date.now();
    if (this.cached && this.cached.until > now) return this.cached.value;
    const newest = await this.ruleSets.newest(em ?? this.dataSource.manager);
    const timeZone = this.config.club.timezone;
    const value: ActiveRules = newest
      ? { id: newest.id, rules: withDefaults(newest.rules), timeZone }
      : { id: null, rules: { ...DEFAULT_CLUB_RULES, returnWindowDays: 0 }, timeZone };
    this.cached = { value, until: now + CACHE_MS };
    return value;
  }

  /**
   * The rules a purchase was made under (its `ruleSetId`; null: the defaults before any rule set), so a
   * later change of the rules does not change what that purchase earned or qualified for.
   */
  async ofSet(em: EntityManager, ruleSetId: string | null): Promise<RulesDocument> {
    if (ruleSetId === null) return { ...DEFAULT_CLUB_RULES, returnWindowDays: 0 };
    const row = await this.ruleSets.byId(em, ruleSetId);
    return row ? withDefaults(row.rules) : (await this.active(em)).rules;
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
    this.cached = null;
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
