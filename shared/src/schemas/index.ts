export * from './common.schema';
export * from './birthday.schema';
export * from './auth.schema';
export * from './member.schema';
export * from './store.schema';
export * from './sandbox.schema';
export * from './rewards.schema';
export * from './member-import.schema';
