export * from './tier';
export * from './gender';
export * from './role';
export * from './platform';
export * from './ledger-kind';
export * from './reward-kind';
export * from './redemption-status';
export * from './event';
