/** A record of a CSV file: its fields and the line it starts on (1-based, as an editor shows it). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * RFC 4180 CSV as spreadsheets export it: comma-separated, fields optionally in double quotes (a
 * doubled quote inside is one quote, and quoted fields may span lines), CRLF or LF line ends, a
 * leading byte-order mark ignored. Blank lines are skipped. Unquoted fields are trimmed: exported
 * files often pad them.
 */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let field = '';
      if (source[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError('a quoted field is never closed', startLine);
          const ch = source[i];
          if (ch === '"') {
            if (source[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        while (i < n && (source[i] === ' ' || source[i] === '\t')) i++;
        if (i < n && source[i] !== ',' && source[i] !== '\n' && source[i] !== '\r') {
          throw new CsvSyntaxError('text after a closing quote', line);
        }
      } else {
        const start = i;
        while (i < n && source[i] !== ',' && source[i] !== '\n' && source[i] !== '\r') i++;
        field = source.slice(start, i).trim();
      }
      fields.push(field);
      if (i < n && source[i] === ',') {
        i++;
        continue;
      }
      if (source[i] === '\r') i++;
      if (source[i] === '\n') i++;
      line++;
      endOfRecord = true;
    }
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ line: startLine, fields });
  }
  return records;
}
