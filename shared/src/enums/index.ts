export * from './tier';
export * from './gender';
export * from './role';
export * from './platform';
export * from './ledger-kind';
