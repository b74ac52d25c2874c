import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, type AppConfigShape } from './app-config';

/** Makes the configuration parsed by `createApp` injectable as `AppConfig` everywhere. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfigShape): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
