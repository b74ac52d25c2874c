/** A row of an import file that was not taken, with the file's line number (the header is line 1). */
export interface MemberImportRejection {
  line: number;
  reason: string;
}

/**
 * `POST /members/imports` → the outcome per row: `created` new members, `updated` existing members
 * whose balance was brought in line, `unchanged` rows with nothing to do (already imported, or the
 * balance already matched), and every rejected row.
 */
export interface MemberImportResult {
  importRef: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: MemberImportRejection[];
}

/** The import route, under the API base path. */
export const MEMBER_IMPORTS_PATH = '/members/imports';
