import type { RuleSet, RulesDocumentInput } from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /rules` (manager): the rule set in force. */
export function getRules(): Promise<RuleSet> {
  return request<RuleSet>('/rules', { auth: 'staff' });
}

/** `PUT /rules` (manager): saved as a new rule set, applying to purchases from now on. */
export function saveRules(rules: RulesDocumentInput): Promise<RuleSet> {
  return request<RuleSet>('/rules', { method: 'PUT', body: rules, auth: 'staff' });
}
