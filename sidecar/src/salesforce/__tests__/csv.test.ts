/** Bulk API 2.0 query result CSV read into records of text. */
import { csvRecords } from '../csv';

describe('csvRecords', () => {
  it('keys each row by the header, dotted relationship columns included', () => {
    expect(csvRecords('Id,Name,Owner.Name\n001A,Acme,Ada\n001B,Beta,Bo\n')).toEqual([
      { Id: '001A', Name: 'Acme', 'Owner.Name': 'Ada' },
      { Id: '001B', Name: 'Beta', 'Owner.Name': 'Bo' },
    ]);
  });

  it('reads quoted fields with embedded commas, quotes and line breaks', () => {
    const text = 'Id,Name,Description\n001A,"Acme, Inc.","She said ""hi""\nthen left"\n';
    expect(csvRecords(text)).toEqual([{ Id: '001A', Name: 'Acme, Inc.', Description: 'She said "hi"\nthen left' }]);
  });

  it('keeps an empty cell as empty text (the reader makes it null), quoted or not', () => {
    expect(csvRecords('Id,Name,Industry\n001A,,""\n')).toEqual([{ Id: '001A', Name: '', Industry: '' }]);
  });

  it('accepts CRLF line endings and a byte order mark', () => {
    expect(csvRecords('\uFEFFId,Name\r\n001A,Acme\r\n')).toEqual([{ Id: '001A', Name: 'Acme' }]);
  });

  it('gives no records for a header alone or no text', () => {
    expect(csvRecords('Id,Name\n')).toEqual([]);
    expect(csvRecords('')).toEqual([]);
  });

  it('refuses a row with a field count unlike the header rather than misread it', () => {
    expect(() => csvRecords('Id,Name\n001A\n')).toThrow();
  });
});
