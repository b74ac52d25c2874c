import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ImportRefSchema,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  MEMBER_IMPORT_COLUMNS,
  MemberImportJsonInputSchema,
  type MemberImportResult,
} from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { MemberImportService } from './member-import.service';

/** Importing the chain's existing member base (managers). */
@ApiTags('members')
@ApiBearerAuth()
@Controller()
export class MemberImportController {
  constructor(private readonly imports: MemberImportService) {}

  @Post('members/imports')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import the existing member base from a CSV file',
    description:
      `Body: a CSV file (\`text/csv\`, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB and ${MAX_IMPORT_ROWS} rows) whose header ` +
      `names the columns ${MEMBER_IMPORT_COLUMNS.join(',')} in any order, or JSON {csv} for small files. Rows match on phone: ` +
      'a new phone becomes a member with no platform account yet (joining with that phone later makes it theirs); a known ' +
      'phone only has its balance brought in line, once. The balance arrives as one `adjust` ledger entry per member, ref ' +
      '`import:<importRef>:<phone>`; importRef is the Idempotency-Key, or a hash of the file. Running the same file again ' +
      'changes nothing. Every rejected row is listed with its line and reason.',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    schema: {
      type: 'string',
      example: `${MEMBER_IMPORT_COLUMNS.join(',')}\n13800138000,林小雨,05-17,gold,1200,2019-03-08,1`,
    },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'becomes the import reference' })
  run(
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<MemberImportResult> {
    return this.imports.import(user, csvOf(body), importRefOf(idempotencyKey));
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function csvOf(body: unknown): string {
  if (Buffer.isBuffer(body)) {
    let text: string;
    try {
      text = UTF8.decode(body);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'ERR_ENCODING_INVALID_ENCODED_DATA') throw err;
      // Spreadsheets in China often save "CSV" as GBK.
      throw validationError([
        { path: '(body)', message: 'is not UTF-8 text: save the sheet as "CSV UTF-8" and send it again' },
      ]);
    }
    return csvOf(text);
  }
  if (typeof body === 'string') {
    if (body.trim() === '')
      throw validationError([{ path: '(body)', message: 'is empty: send a CSV file with a header row' }]);
    return body;
  }
  const json = MemberImportJsonInputSchema.safeParse(body);
  if (json.success) return json.data.csv;
  throw validationError([
    { path: '(body)', message: 'must be a CSV file sent as text/csv, or JSON {"csv": "..."}' },
  ]);
}

function importRefOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parsed = ImportRefSchema.safeParse(header);
  if (!parsed.success)
    throw validationError([{ path: 'Idempotency-Key', message: parsed.error.issues[0].message }]);
  return parsed.data;
}
