import { Injectable } from '@nestjs/common';
import { ErrorCode, type Staff, type UpdateStaffInput } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { TokensService } from '../auth/tokens.service';
import { AuditService, auditActor } from '../points/audit.service';
import { StoresService } from '../stores/stores.service';
import type { StaffEntity } from './entities/staff.entity';
import { PasswordHasher } from './password-hasher';
import { StaffAccessService } from './staff-access.service';
import { toStaff } from './staff.mapper';
import { StaffRepository } from './staff.repository';

type Changes = Partial<Pick<StaffEntity, 'name' | 'passwordHash' | 'storeId' | 'phone' | 'active'>>;

/**
 * A manager's change to a staff account (`PATCH /staff/{id}`): one transaction writes the account and
 * its audit-log row, and a deactivation or new password ends the account's sessions.
 */
@Injectable()
export class StaffChangesService {
  constructor(
    private readonly ds: DataSource,
    private readonly staff: StaffRepository,
    private readonly hasher: PasswordHasher,
    private readonly access: StaffAccessService,
    private readonly stores: StoresService,
    private readonly audit: AuditService,
    private readonly tokens: TokensService,
  ) {}

  async update(manager: AuthUser, id: string, input: UpdateStaffInput): Promise<Staff> {
    if (input.active === false && id === manager.sub) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        'You cannot deactivate your own account; ask another manager',
        {
          field: 'active',
        },
      );
    }
    if (input.storeId !== undefined && input.storeId !== null) await this.stores.require(input.storeId);
    // Hashing takes a noticeable moment: done before the row is locked.
    const passwordHash = input.password === undefined ? undefined : await this.hasher.hash(input.password);

    const updated = await this.ds.transaction(async (em) => {
      // Locked before the account itself, in the same order by every deactivation, so that two managers
      // deactivating each other at once cannot both pass the check below (nor deadlock).
      const activeManagers = input.active === false ? await this.staff.lockActiveManagerIds(em) : [];
      const before = await this.staff.findForChange(id, em);
      if (!before) throw new DomainError(ErrorCode.NOT_FOUND, `No staff with id ${id}`);
      // The role is known only here; the schema lets null through for a manager's sake.
      if (input.storeId === null && before.role === 'clerk') {
        throw validationError([
          { path: 'storeId', message: 'a clerk belongs to one store: give the store to move them to' },
        ]);
      }
      const changes = changesOf(before, input, passwordHash);
      if (Object.keys(changes).length === 0) return before;

      if (
        changes.active === false &&
        before.role === 'manager' &&
        activeManagers.every((managerId) => managerId === id)
      ) {
        throw new DomainError(ErrorCode.CONFLICT, 'The club keeps at least one active manager', {
          field: 'active',
        });
      }
      const leaving = changes.active === false || changes.storeId !== undefined;
      if (leaving) {
        const members = await this.staff.countMembersOf(id, em);
        if (members > 0) {
          throw new DomainError(
            ErrorCode.CLERK_HAS_MEMBERS,
            `This clerk still looks after ${members} member(s); hand them over first (POST /staff/${id}/handover)`,
            { members },
          );
        }
      }
      await this.staff.update(id, changes, em);
      await this.audit.record(em, {
        actor: auditActor(manager),
        action: 'staff.update',
        entity: 'staff',
        entityId: id,
        ...auditValues(before, changes),
      });
      if (changes.active === false || changes.passwordHash !== undefined) {
        await this.tokens.revokeAll('staff', [id], em);
      }
      return { ...before, ...changes };
    });
    this.access.forget(id);
    return toStaff(updated);
  }
}

/** Only what differs from the account as it is. */
function changesOf(before: StaffEntity, input: UpdateStaffInput, passwordHash: string | undefined): Changes {
  const changes: Changes = {};
  if (input.name !== undefined && input.name !== before.name) changes.name = input.name;
  if (passwordHash !== undefined) changes.passwordHash = passwordHash;
  if (input.storeId !== undefined && input.storeId !== before.storeId) changes.storeId = input.storeId;
  if (input.phone !== undefined && input.phone !== before.phone) changes.phone = input.phone;
  if (input.active !== undefined && input.active !== before.active) changes.active = input.active;
  return changes;
}

/** The changed fields before and after; never the password or its hash, and phones masked as in any log. */
function auditValues(before: StaffEntity, changes: Changes): { before: object; after: object } {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of ['name', 'storeId', 'phone', 'active'] as const) {
    if (changes[key] === undefined) continue;
    was[key] = key === 'phone' ? maskPhone(before.phone) : before[key];
    now[key] = key === 'phone' ? maskPhone(changes.phone ?? null) : changes[key];
  }
  if (changes.passwordHash !== undefined) now.passwordChanged = true;
  return { before: was, after: now };
}

function maskPhone(phone: string | null): string | null {
  return phone === null ? null : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
