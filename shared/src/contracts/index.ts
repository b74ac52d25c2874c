export * from './common.contract';
export * from './auth.contract';
export * from './member.contract';
export * from './store.contract';
export * from './sandbox.contract';
export * from './rewards.contract';
export * from './points.contract';
export * from './member-import.contract';
