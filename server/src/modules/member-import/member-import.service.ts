import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  MAX_IMPORT_ROWS,
  MEMBER_IMPORT_COLUMNS,
  type MemberImportColumn,
  type MemberImportRejection,
  type MemberImportResult,
  MemberImportRowSchema,
  type MemberImportRowParsed,
  type Store,
} from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { isUniqueViolation } from '../../database/unique-violation';
import { MembersService } from '../members/members.service';
import { AuditService, auditActor } from '../points/audit.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { StoresService } from '../stores/stores.service';
import { type CsvRecord, CsvSyntaxError, parseCsv } from './csv';
import { MemberImportRepository } from './member-import.repository';

type Outcome = 'created' | 'updated' | 'unchanged';

/** A row that passed every check of the file itself and is ready to apply. */
interface ReadyRow {
  line: number;
  phone: string;
  name: string;
  birthday: string | null;
  tier: MemberImportRowParsed['tier'];
  points: number;
  joinedAt: Date;
  storeId: string | null;
}

/** What every row of one run shares. */
interface ImportRun {
  actor: AuthUser;
  importRef: string;
  fileHash: string;
  at: Date;
}

/** Rows applied per transaction: few commits for a big file, little lost work when one row fails. */
const ROWS_PER_TRANSACTION = 100;
/** Transactions of one import running at once (MySQL); the club's pool keeps room for everyone else. */
const PARALLEL_TRANSACTIONS = 4;
const RETRYABLE_LOCK_ERRORS = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

const PHONE_INDEX = { name: 'uq_members_phone', table: 'members', columns: ['phone'] };

/**
 * Brings a chain's existing member base into the club from a CSV file. Rows match on phone: a new
 * phone becomes a member with no platform account (the member's first join with that phone binds
 * it), a known phone only has its balance brought in line. Each phone is handled once per import
 * (a row in `member_import_rows`), and the balance arrives as one `adjust` ledger entry with ref
 * `import:<importRef>:<phone>`, so running the same file again changes nothing.
 */
@Injectable()
export class MemberImportService {
  private readonly logger = new Logger(MemberImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: MemberImportRepository,
    private readonly members: MembersService,
    private readonly stores: StoresService,
    private readonly ledger: PointsLedgerService,
    private readonly audit: AuditService,
  ) {}

  async import(
    actor: AuthUser,
    csv: string,
    idempotencyKey: string | undefined,
  ): Promise<MemberImportResult> {
    const fileHash = createHash('sha256').update(csv).digest('hex');
    const importRef = idempotencyKey ?? fileHash.slice(0, 32);
    const firstHash = await this.imports.fileHashOf(importRef);
    if (firstHash !== null && firstHash !== fileHash) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        'This Idempotency-Key was already used for another file',
        { field: 'Idempotency-Key' },
      );
    }

    const records = readRecords(csv);
    const columns = readHeader(records[0]);
    const rejected: MemberImportRejection[] = [];
    const ready = await this.checkRows(records.slice(1), columns, rejected);

    const handled = await this.imports.handledPhones(
      importRef,
      ready.map((r) => r.phone),
    );
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const pending: ReadyRow[] = [];
    for (const row of ready) {
      if (handled.has(row.phone)) counts.unchanged++;
      else pending.push(row);
    }

    const run: ImportRun = { actor, importRef, fileHash, at: new Date() };
    const chunks: ReadyRow[][] = [];
    for (let i = 0; i < pending.length; i += ROWS_PER_TRANSACTION)
      chunks.push(pending.slice(i, i + ROWS_PER_TRANSACTION));
    // Several transactions at once on MySQL: a big file is bound by round trips, not by the
    // database. The embedded SQLite has one connection, so one at a time there.
    const lanes = this.dataSource.options.type === 'better-sqlite3' ? 1 : PARALLEL_TRANSACTIONS;
    let next = 0;
    const lane = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        for (const outcome of await this.applyChunk(chunk, run, rejected)) counts[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));

    rejected.sort((a, b) => a.line - b.line);
    this.logger.log(
      `Member import ${importRef} by staff ${actor.sub}: ${counts.created} created, ${counts.updated} updated, ` +
        `${counts.unchanged} unchanged, ${rejected.length} rejected`,
    );
    return { importRef, ...counts, rejected };
  }

  private async applyChunk(
    chunk: ReadyRow[],
    run: ImportRun,
    rejected: MemberImportRejection[],
  ): Promise<Outcome[]> {
    try {
      return await this.dataSource.transaction((em) =>
        sequentially(chunk, (row) => this.applyRow(em, row, run)),
      );
    } catch {
      // One row spoilt the batch (a member joined with that phone meanwhile, a parallel run of the
      // same file, a deadlock): apply its rows one by one so only a row that truly cannot go in is refused.
      const outcomes: Outcome[] = [];
      for (const row of chunk) {
        const outcome = await this.applyAlone(row, run, rejected);
        if (outcome) outcomes.push(outcome);
      }
      return outcomes;
    }
  }

  /** Checks every row against the file's own rules; the rows that pass, in file order. */
  private async checkRows(
    records: CsvRecord[],
    columns: MemberImportColumn[],
    rejected: MemberImportRejection[],
  ): Promise<ReadyRow[]> {
    if (records.length > MAX_IMPORT_ROWS) {
      throw validationError([
        {
          path: '(body)',
          message: `has ${records.length} rows; send at most ${MAX_IMPORT_ROWS} per file`,
        },
      ]);
    }
    const storeOf = storeResolver(await this.allStores());
    const candidates: ReadyRow[] = [];
    for (const record of records) {
      const reject = (reason: string) => rejected.push({ line: record.line, reason });
      if (record.fields.length !== columns.length) {
        reject(
          `has ${record.fields.length} fields where the header has ${columns.length}: a missing column (or an unquoted comma)`,
        );
        continue;
      }
      const raw = Object.fromEntries(columns.map((c, i) => [c, record.fields[i]])) as Record<
        MemberImportColumn,
        string
      >;
      const parsed = MemberImportRowSchema.safeParse(raw);
      if (!parsed.success) {
        reject(
          parsed.error.issues
            .map(
              (issue) =>
                `${issue.path.join('.')} ${JSON.stringify(raw[issue.path[0] as MemberImportColumn] ?? '')} ${issue.message}`,
            )
            .join('; '),
        );
        continue;
      }
      const row = parsed.data;
      const joinedAt = row.joined_at === '' ? new Date() : parseJoinedAt(row.joined_at);
      if (joinedAt.getTime() > Date.now()) {
        reject(`joined_at ${JSON.stringify(row.joined_at)} is in the future`);
        continue;
      }
      const store = storeOf(row.store);
      if ('error' in store) {
        reject(store.error);
        continue;
      }
      candidates.push({
        line: record.line,
        phone: row.phone,
        name: row.name,
        birthday: row.birthday === '' ? null : row.birthday,
        tier: row.tier,
        points: row.points,
        joinedAt,
        storeId: store.id,
      });
    }

    // A phone listed twice is refused on every line: which line is right is the manager's call.
    const linesByPhone = new Map<string, number[]>();
    for (const row of candidates)
      linesByPhone.set(row.phone, [...(linesByPhone.get(row.phone) ?? []), row.line]);
    const ready: ReadyRow[] = [];
    for (const row of candidates) {
      const lines = linesByPhone.get(row.phone) as number[];
      if (lines.length > 1) {
        rejected.push({
          line: row.line,
          reason: `phone ${row.phone} is listed more than once in the file (lines ${lines.join(', ')})`,
        });
      } else {
        ready.push(row);
      }
    }
    return ready;
  }

  /**
   * One row, in the caller's transaction: the handled-phone record first (a parallel run of the same
   * file fails here, not after moving points), then the member and the balance.
   */
  private async applyRow(em: EntityManager, row: ReadyRow, run: ImportRun): Promise<Outcome> {
    const { importRef, fileHash, at } = run;
    const existing = await this.members.findByPhone(row.phone, em);
    const member =
      existing ??
      (await this.members.createImported(
        {
          phone: row.phone,
          name: row.name,
          birthday: row.birthday,
          tier: row.tier,
          storeId: row.storeId,
          joinedAt: row.joinedAt,
        },
        em,
      ));
    const delta = row.points - (existing ? existing.points : 0);
    const outcome: Outcome = !existing ? 'created' : delta === 0 ? 'unchanged' : 'updated';
    await this.imports.insert(em, {
      importRef,
      fileHash,
      phone: row.phone,
      memberId: member.id,
      outcome,
      createdAt: at,
    });
    const ref = `import:${importRef}:${row.phone}`;
    if (delta > 0) {
      await this.ledger.credit(em, { memberId: member.id, points: delta, kind: 'adjust', ref, at });
    } else if (delta < 0) {
      // The chain's own books say less than the club holds: the balance follows the books.
      await this.ledger.debit(em, {
        memberId: member.id,
        points: -delta,
        kind: 'adjust',
        ref,
        at,
        allowNegative: true,
      });
    }
    if (outcome !== 'unchanged') {
      await this.audit.record(
        em,
        {
          actor: auditActor(run.actor),
          action: 'member.import',
          entity: 'member',
          entityId: member.id,
          before: existing ? { points: existing.points } : null,
          after: existing
            ? { points: row.points, importRef }
            : { points: row.points, tier: row.tier, storeId: row.storeId, importRef },
        },
        at,
      );
    }
    return outcome;
  }

  /** A row in its own transaction; a row that still fails is rejected with the reason, not lost. */
  private async applyAlone(
    row: ReadyRow,
    run: ImportRun,
    rejected: MemberImportRejection[],
  ): Promise<Outcome | null> {
    const { importRef } = run;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((em) => this.applyRow(em, row, run));
      } catch (err) {
        // A member joined with this phone between our read and our insert: the next try finds them.
        // A deadlock victim was rolled back whole: it can simply go again.
        if ((isUniqueViolation(err, PHONE_INDEX) || isLockConflict(err)) && attempt < 3) continue;
        if (isUniqueViolation(err, IMPORT_ROW_INDEX)) return 'unchanged';
        this.logger.warn(`Member import ${importRef}, line ${row.line}: ${(err as Error).message}`);
        rejected.push({ line: row.line, reason: 'could not be saved; try this row again' });
        return null;
      }
    }
  }

  private async allStores(): Promise<Store[]> {
    const stores: Store[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.stores.list({ limit: 100, cursor });
      stores.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return stores;
  }
}

const IMPORT_ROW_INDEX = {
  name: 'uq_member_import_rows_ref_phone',
  table: 'member_import_rows',
  columns: ['import_ref', 'phone'],
};

function isLockConflict(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  return RETRYABLE_LOCK_ERRORS.has(String(e?.driverError?.code ?? e?.code));
}

async function sequentially<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await fn(item));
  return results;
}

function readRecords(csv: string): CsvRecord[] {
  try {
    const records = parseCsv(csv);
    if (records.length === 0)
      throw validationError([{ path: '(body)', message: 'is empty: send a CSV file with a header row' }]);
    return records;
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      throw validationError([
        { path: '(body)', message: `is not valid CSV: ${err.message} (line ${err.line})` },
      ]);
    }
    throw err;
  }
}

/** The header, in the file's column order; every known column exactly once, nothing else. */
function readHeader(header: CsvRecord): MemberImportColumn[] {
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const known = new Set<string>(MEMBER_IMPORT_COLUMNS);
  const problems: string[] = [];
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0)
    problems.push(`unknown columns ${unknown.map((n) => JSON.stringify(n)).join(', ')}`);
  const missing = MEMBER_IMPORT_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) problems.push(`missing columns ${missing.join(', ')}`);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) problems.push(`columns named twice: ${[...new Set(twice)].join(', ')}`);
  if (problems.length > 0) {
    throw validationError([
      {
        path: '(body)',
        message: `header row (line 1) must name the columns ${MEMBER_IMPORT_COLUMNS.join(',')}: ${problems.join('; ')}`,
      },
    ]);
  }
  return names as MemberImportColumn[];
}

/** Store by id or by exact name; a name two stores share must be given as an id. */
function storeResolver(
  stores: readonly Store[],
): (text: string) => { id: string | null } | { error: string } {
  const byId = new Map(stores.map((s) => [s.id, s]));
  const byName = new Map<string, Store[]>();
  for (const s of stores) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  return (text) => {
    if (text === '') return { id: null };
    const named = byName.get(text) ?? [];
    if (named.length > 1)
      return { error: `store ${JSON.stringify(text)} names ${named.length} stores: give its id` };
    if (named.length === 1) return { id: named[0].id };
    const store = byId.get(text);
    return store
      ? { id: store.id }
      : { error: `store ${JSON.stringify(text)} is unknown (give a store id or exact name)` };
  };
}

/** A bare date is the start of that day in UTC; club reports count from the join, not the hour. */
function parseJoinedAt(text: string): Date {
  return new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
}
