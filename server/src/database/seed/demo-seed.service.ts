import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { MemberEntity } from '../../modules/members/entities/member.entity';
import { DEMO_MANAGER, seedDemoClub } from './seed-demo-club';

export const DEMO_MEMBERS = 60;

/**
 * With `SEED_DEMO=true`, an empty club gets the demo club at start. Runs after migrations and
 * after the bootstrap manager (created in StaffService.onModuleInit, which precedes every
 * onApplicationBootstrap hook).
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    if ((await this.dataSource.getRepository(MemberEntity).count()) > 0) return;
    const started = Date.now();
    const result = await seedDemoClub(this.dataSource, { members: DEMO_MEMBERS });
    this.logger.log(
      `Loaded the demo club: ${result.storeIds.length} stores, ${result.clerkIds.length} clerks, ${result.members} members ` +
        `in ${Date.now() - started} ms. Staff login "${DEMO_MANAGER.username}"; members log in with sandbox:demo-1 … demo-${result.members}`,
    );
  }
}
