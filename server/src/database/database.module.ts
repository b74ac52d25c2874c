import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source';
import { serialiseSqliteAccess } from './sqlite-serial';

/**
 * The club's database. Opening it runs pending migrations (`migrationsRun`) before any module's
 * `onApplicationBootstrap` hook, so start-up work (bootstrap manager, then seed) sees the full schema.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => ({
        ...(await buildDataSourceOptions(config)),
        // Fail fast at boot rather than retry for minutes with a wrong DATABASE_URL.
        retryAttempts: 0,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (!options) throw new Error('the database options are missing');
        const dataSource = await new DataSource(options).initialize();
        serialiseSqliteAccess(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
