export * from './club-rules';
export * from './money';
export * from './tiers';
export * from './points';
export * from './birthday';
export * from './zoned-time';
export * from './member-no';
export * from './reward-eligibility';
