export * from './enums';
export * from './errors';
export * from './schemas';
export * from './contracts';
export * from './rules';
