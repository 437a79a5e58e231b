/** The local org's Bulk API 2.0 CSV, on its own (the HTTP round trips are in __tests__/bulk2.test.ts). */
import { readCsv, writeCsv } from '../bulkCsv';

describe('writeCsv', () => {
  it('writes a header and LF-ended rows, null as an empty field, booleans as true/false', () => {
    expect(
      writeCsv(
        ['Id', 'Name', 'IsActive', 'Amount'],
        [
          ['001A', 'Acme', true, 12.5],
          ['001B', null, false, undefined],
        ],
      ),
    ).toBe('Id,Name,IsActive,Amount\n001A,Acme,true,12.5\n001B,,false,\n');
  });

  it('quotes commas, quotes, line feeds and carriage returns', () => {
    expect(writeCsv(['A', 'B', 'C', 'D'], [['x, y', 'say "hi"', 'one\ntwo', 'cr\rhere']])).toBe(
      'A,B,C,D\n"x, y","say ""hi""","one\ntwo","cr\rhere"\n',
    );
  });

  it('writes the header alone when there are no rows', () => {
    expect(writeCsv(['sf__Id', 'sf__Error'], [])).toBe('sf__Id,sf__Error\n');
  });
});

describe('readCsv', () => {
  it('reads CRLF or LF, a byte order mark, quoted fields and skips blank lines', () => {
    expect(readCsv('\uFEFFName,Title\r\n"Acme, Inc.","a ""b""\nc"\r\n\r\nBeta,\r\n')).toEqual({
      header: ['Name', 'Title'],
      rows: [
        ['Acme, Inc.', 'a "b"\nc'],
        ['Beta', ''],
      ],
    });
  });

  it('refuses text it cannot read: an unclosed quote, a row of the wrong length', () => {
    expect(() => readCsv('Name\n"open\n')).toThrow();
    expect(() => readCsv('Name,Title\nAcme\n')).toThrow();
  });
});
