import { Injectable } from '@nestjs/common';
import { DEFAULT_CLUB_RULES, type RulesDocument } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { ClubRulesRepository } from './club-rules.repository';

/** The rules in force, with the id of the rule set they come from (recorded on each earning). */
export interface ActiveRules {
  /** Null only before the first migration seeded a rule set. */
  id: string | null;
  rules: RulesDocument;
  /** The club's time zone (config), in which birthdays and expiry months are reckoned. */
  timeZone: string;
}

/** The club's rules as managers set them; the newest rule set applies from the moment it is saved. */
@Injectable()
export class ClubRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly ruleSets: ClubRulesRepository,
  ) {}

  async active(em?: EntityManager): Promise<ActiveRules> {
    const newest = await this.ruleSets.newest(em ?? this.dataSource.manager);
    const timeZone = this.config.club.timezone;
    if (!newest) return { id: null, rules: { ...DEFAULT_CLUB_RULES, returnWindowDays: 0 }, timeZone };
    return { id: newest.id, rules: { ...newest.rules, returnWindowDays: newest.rules.returnWindowDays ?? 0 }, timeZone };
  }
}
