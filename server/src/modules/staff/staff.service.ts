import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type CreateStaffInput,
  ErrorCode,
  type Paginated,
  type Staff,
  type StaffListQuery,
  type StaffRole,
} from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { parseCursor, toPage } from '../../common/pagination/page';
import { AppConfig } from '../../config/app-config';
import { isUniqueViolation } from '../../database/unique-violation';
import { StoresService } from '../stores/stores.service';
import type { StaffEntity } from './entities/staff.entity';
import { PasswordHasher } from './password-hasher';
import { StaffRepository } from './staff.repository';
import { toStaff } from './staff.mapper';

const USERNAME_INDEX = { name: 'uq_staff_username', table: 'staff', columns: ['username'] };

export interface NewStaff {
  username: string;
  password: string;
  name: string;
  role: StaffRole;
  storeId?: string | null;
  phone?: string | null;
}

@Injectable()
export class StaffService implements OnModuleInit {
  private readonly logger = new Logger(StaffService.name);

  constructor(
    private readonly staff: StaffRepository,
    private readonly stores: StoresService,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
  ) {}

  /** Migrations have run by now (the database module opens first); the seed runs after this. */
  async onModuleInit(): Promise<void> {
    await this.ensureBootstrapManager();
  }

  /** The first manager, from the environment, on a database with no staff at all. */
  async ensureBootstrapManager(): Promise<void> {
    const bootstrap = this.config.bootstrapManager;
    if (!bootstrap || (await this.staff.count()) > 0) return;
    try {
      await this.insert({ ...bootstrap, name: bootstrap.username, role: 'manager' });
      this.logger.log(`Created the bootstrap manager "${bootstrap.username}"`);
    } catch (err) {
      // Another instance starting at the same moment created it first.
      if (!(err instanceof DomainError && err.code === ErrorCode.USERNAME_TAKEN)) throw err;
    }
  }

  async create(input: CreateStaffInput): Promise<Staff> {
    if (input.storeId !== undefined) await this.stores.require(input.storeId);
    return toStaff(await this.insert(input));
  }

  /** Creates an account (password hashed); 409 USERNAME_TAKEN when the username is in use. */
  async insert(input: NewStaff, em?: EntityManager): Promise<StaffEntity> {
    if (await this.staff.findByUsername(input.username, em)) throw usernameTaken(input.username);
    try {
      return await this.staff.insert(
        {
          username: input.username,
          passwordHash: await this.hasher.hash(input.password),
          name: input.name,
          role: input.role,
          storeId: input.storeId ?? null,
          phone: input.phone ?? null,
          active: true,
          createdAt: new Date(),
        },
        em,
      );
    } catch (err) {
      if (isUniqueViolation(err, USERNAME_INDEX)) throw usernameTaken(input.username);
      throw err;
    }
  }

  async list(query: StaffListQuery): Promise<Paginated<Staff>> {
    const rows = await this.staff.listAfter(parseCursor(query.cursor), query.limit + 1, query.storeId);
    const page = toPage(rows, query.limit, toStaff);
    const members = await this.staff.countMembersByClerk(page.items.map((s) => s.id));
    return { ...page, items: page.items.map((s) => ({ ...s, members: members.get(s.id) ?? 0 })) };
  }

  /** The active staff account with these credentials, or 401 BAD_CREDENTIALS whatever was wrong. */
  async verifyCredentials(username: string, password: string): Promise<StaffEntity> {
    const account = await this.staff.findByUsername(username);
    if (!account) {
      await this.hasher.verifyNothing(password);
      throw badCredentials();
    }
    const matches = await this.hasher.verify(account.passwordHash, password);
    if (!matches || !account.active) throw badCredentials();
    return account;
  }

  findActive(id: string): Promise<StaffEntity | null> {
    return this.staff.findById(id).then((s) => (s?.active ? s : null));
  }

  /**
   * An active clerk, or 404 NOT_FOUND naming `clerkId`. In a transaction the clerk's row is share-locked
   * until it ends: a manager deactivating or moving the clerk (`PATCH /staff/{id}`, which locks the row
   * for update) then either waits for the assignment and counts its member, or goes first and the
   * clerk reads inactive here. Without the lock the assignment could land on a clerk just deactivated.
   */
  async requireActiveClerk(id: string, em?: EntityManager): Promise<StaffEntity> {
    const clerk = em?.queryRunner?.isTransactionActive
      ? await this.staff.findForAssignment(id, em)
      : await this.staff.findById(id, em);
    if (!clerk || clerk.role !== 'clerk' || !clerk.active) {
      throw new DomainError(ErrorCode.NOT_FOUND, `No active clerk with id ${id}`, { field: 'clerkId' });
    }
    return clerk;
  }

  /**
   * The active clerk of a store with the fewest members, or null. In a transaction the chosen clerk's row
   * is share-locked and read again, as in `requireActiveClerk`: a clerk deactivated or moved meanwhile is
   * passed over for the next (the first query reads the transaction's snapshot, so it is told whom to skip).
   */
  async leastLoadedClerk(storeId: string, em?: EntityManager): Promise<string | null> {
    if (!em?.queryRunner?.isTransactionActive) return this.staff.leastLoadedClerk(storeId, em);
    const passedOver: string[] = [];
    for (;;) {
      const id = await this.staff.leastLoadedClerk(storeId, em, passedOver);
      if (id === null) return null;
      const clerk = await this.staff.findForAssignment(id, em);
      if (clerk?.active && clerk.role === 'clerk' && clerk.storeId === storeId) return id;
      passedOver.push(id);
    }
  }
}

function usernameTaken(username: string): DomainError {
  return new DomainError(ErrorCode.USERNAME_TAKEN, `The username "${username}" is taken`, {
    field: 'username',
  });
}

function badCredentials(): DomainError {
  return new DomainError(ErrorCode.BAD_CREDENTIALS, 'Wrong username or password');
}
