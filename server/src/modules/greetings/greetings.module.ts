import { Module } from '@nestjs/common';
import { WorklistController } from './worklist.controller';
import { WorklistRepository } from './worklist.repository';
import { WorklistService } from './worklist.service';

/** Clerks' relationships with their members: the daily worklist, greetings and the contact history. */
@Module({
  controllers: [WorklistController],
  providers: [WorklistService, WorklistRepository],
})
export class GreetingsModule {}
