import { CsvSyntaxError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits records and fields, trims unquoted fields, numbers lines and skips blank ones', () => {
    expect(parseCsv('\uFEFFa, b ,c\r\n\r\n1,2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 3, fields: ['1', '2', '3'] },
    ]);
  });

  it('keeps quoted commas, doubled quotes and line breaks, counting lines inside quotes', () => {
    expect(parseCsv('"a,1","say ""hi""","two\nlines"\nx,,\n')).toEqual([
      { line: 1, fields: ['a,1', 'say "hi"', 'two\nlines'] },
      { line: 3, fields: ['x', '', ''] },
    ]);
  });

  it('reads a last record without a line end and empty trailing fields', () => {
    expect(parseCsv('a,b\n1,')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', ''] },
    ]);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a\n"open,1\n')).toThrow(new CsvSyntaxError('a quoted field is never closed', 2));
    expect(() => parseCsv('"a"b,1')).toThrow(CsvSyntaxError);
  });
});
