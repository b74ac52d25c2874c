import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MAX_IMPORT_BYTES } from '@vip-club/shared';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { StoresModule } from '../stores/stores.module';
import { MemberImportController } from './member-import.controller';
import { MemberImportRepository } from './member-import.repository';
import { MemberImportService } from './member-import.service';

/** Importing the chain's existing member base from a CSV file. */
@Module({
  imports: [MembersModule, StoresModule, PointsModule],
  controllers: [MemberImportController],
  providers: [MemberImportService, MemberImportRepository],
})
export class MemberImportModule implements OnModuleInit {
  constructor(private readonly http: HttpAdapterHost) {}

  /**
   * CSV bodies arrive as bytes, with their own size limit: the app's limit for every other body is a
   * small form's. The import decodes them itself, to refuse a file that is not UTF-8 by name. Added
   * before the server starts listening, so it reaches every route; only the import accepts it.
   */
  onModuleInit(): void {
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasContentTypeParser('text/csv')) return;
    fastify.addContentTypeParser(
      'text/csv',
      { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
      (_req, body, done) => done(null, body),
    );
  }
}
