import { formatCsv } from '../outputs/csv';
import { parseCsv, sniffDelimiter } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, embedded newlines and CRLF', () => {
    expect(parseCsv('a,b,c\r\n"Doe, Jane","say ""hi""","two\nlines"\r\n1,,3')).toEqual([
      ['a', 'b', 'c'],
      ['Doe, Jane', 'say "hi"', 'two\nlines'],
      ['1', '', '3'],
    ]);
  });

  it('keeps text exactly: 0930 stays 0930', () => {
    expect(parseCsv('Start\n0930\n9:30 AM\n')).toEqual([['Start'], ['0930'], ['9:30 AM']]);
  });

  it('drops a byte-order mark and keeps blank lines as empty rows', () => {
    expect(parseCsv('\ufeffVisit,Drug\n\nE1,NS')).toEqual([['Visit', 'Drug'], [''], ['E1', 'NS']]);
  });

  it('sniffs semicolons and tabs', () => {
    expect(sniffDelimiter('Visit;Drug;Start\nE1;NS;08:00\n')).toBe(';');
    expect(sniffDelimiter('Visit\tDrug\tStart\nE1\tNS, 1000 mL\t08:00\n')).toBe('\t');
    expect(sniffDelimiter('Infusion log\nVisit,Drug,Start\nE1,NS,08:00\n')).toBe(',');
    expect(parseCsv('Visit;Drug\nE1;"NS; 1000 mL"')).toEqual([['Visit', 'Drug'], ['E1', 'NS; 1000 mL']]);
  });
});

describe('formatCsv', () => {
  it('quotes only what needs it and round-trips', () => {
    const rows = [['a', 'Doe, Jane', 'x"y', 'two\nlines', ' pad ', null, 35]];
    const text = formatCsv(rows);
    expect(text).toBe('a,"Doe, Jane","x""y","two\nlines"," pad ",,35\r\n');
    expect(parseCsv(text)).toEqual([['a', 'Doe, Jane', 'x"y', 'two\nlines', ' pad ', '', '35']]);
  });
});
