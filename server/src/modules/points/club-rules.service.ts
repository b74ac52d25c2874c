import { Injectable } from '@nestjs/common';
import { type ClubRules, DEFAULT_CLUB_RULES } from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';

/** The rules in force, with the id of the rule set they come from (recorded on each earning). */
export interface ActiveRules {
  id: string | null;
  rules: ClubRules;
  /** The club's time zone (config), in which birthdays and expiry months are reckoned. */
  timeZone: string;
}

@Injectable()
export class ClubRulesService {
  constructor(private readonly config: AppConfig) {}

  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  async active(_em?: EntityManager): Promise<ActiveRules> {
    return { id: null, rules: DEFAULT_CLUB_RULES, timeZone: this.config.club.timezone };
  }
}
