export * from './app-config';
export * from './config.module';
export { ConfigError, loadConfig, processEnv, type Env } from './load-config';
