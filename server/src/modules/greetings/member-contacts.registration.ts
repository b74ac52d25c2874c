import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MemberContactsPort } from '../members/member-contacts.port';
import { GreetingsService } from './greetings.service';

/** Gives `GET /members/{id}` the member's contact history, which this module owns. */
@Injectable()
export class MemberContactsRegistration implements OnModuleInit {
  constructor(
    private readonly port: MemberContactsPort,
    private readonly greetings: GreetingsService,
  ) {}

  onModuleInit(): void {
    this.port.provide((memberId, limit) => this.greetings.latestContacts(memberId, limit));
  }
}
