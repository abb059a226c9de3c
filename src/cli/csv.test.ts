import fc from 'fast-check';
import { CsvError, cutLongFields, decodeCsvBytes, formatCsv, MAX_CELL_CHARS, neutralise, parseCsv, sniffDelimiter } from './csv';

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

  it('reads any text as the character-by-character reader it replaced did (rows, fields, errors)', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', ',', ';', '\t', '"', '\r', '\n', 'é');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join('')), fc.constantFrom(',', ';', '\t'), (text, d) => {
        const read = (f: (t: string, d: string) => string[][]) => {
          try {
            return f(text, d);
          } catch (err) {
            return (err as Error).message;
          }
        };
        expect(read(parseCsv)).toEqual(read(charByChar));
      }),
      { numRuns: 3000 },
    );
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

describe('CSV hardening (issue 13)', () => {
  it('neutralises text a spreadsheet would run as a formula, but not numbers', () => {
    const text = formatCsv([['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rx', '-5', '+1.5', '-.5', 'plain', -7]]);
    expect(text).toBe(`"'=HYPERLINK(""http://x"")",'+1+1,'-2+3,'@SUM(A1),'\tcmd,"'\rx",-5,+1.5,-.5,plain,-7\r\n`);
    expect(neutralise('1e3')).toBe('1e3');
    expect(formatCsv([['=1+1']], ',', { guard: false })).toBe('=1+1\r\n');
  });

  it("cuts a cell over Excel's 32,767 characters on output and names cut input cells", () => {
    expect(formatCsv([['x'.repeat(40000)]])).toBe(`${'x'.repeat(MAX_CELL_CHARS)}\r\n`);
    const rows = [['a', 'y'.repeat(33000)]];
    const long = cutLongFields(rows);
    expect(long.warnings).toEqual([expect.stringMatching(/^row 1, column 2: 33,000 characters/)]);
    expect(long.cut).toEqual(new Map([[1, new Map([[2, 33000]])]]));
    expect(rows[0][1]).toHaveLength(MAX_CELL_CHARS);
    // Never between the two halves of an emoji: the split character is left out whole.
    const emoji = [['😀'.repeat(20000)]];
    cutLongFields(emoji);
    expect(emoji[0][0]).toBe('😀'.repeat((MAX_CELL_CHARS - 1) / 2));
    expect(formatCsv([['a' + '😀'.repeat(20000)]], ',', { guard: false })).toBe(`a${'😀'.repeat((MAX_CELL_CHARS - 1) / 2)}\r\n`);
  });

  it('stops at an unterminated quote with one error naming its line', () => {
    expect(() => parseCsv('Drug,Dose\nNS,1000\n"vanc,1 g\nE2,x\n', ',')).toThrow(new CsvError('line 3 opens a quoted field that never closes (a missing " ); fix that line and run again'));
    expect(() => parseCsv('a,"two\nlines",b\nc,"open\n', ',')).toThrow(/line 3 opens/);
  });

  it('replaces each invalid UTF-8 byte with a warning naming the line, keeping the UTF-8 text', () => {
    const bytes = Buffer.concat([Buffer.from('Drug,Note\nNS,café\nD5,'), Buffer.from([0xe9, 0xff]), Buffer.from(' ok\n')]);
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.text).toBe('Drug,Note\nNS,café\nD5,\ufffd\ufffd ok\n');
    expect(decoded.warnings).toEqual(['line 3: invalid UTF-8 byte 0xE9 replaced by \ufffd', 'line 3: invalid UTF-8 byte 0xFF replaced by \ufffd']);
  });

  it('reads a file with no UTF-8 at all as Latin-1, and UTF-16 with its mark', () => {
    const latin1 = decodeCsvBytes(Buffer.from('Drug,Note\nNS,caf\xe9 cr\xe8me\n', 'latin1'));
    expect(latin1.text).toBe('Drug,Note\nNS,café crème\n');
    expect(latin1.warnings).toEqual([expect.stringMatching(/Latin-1/)]);
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,é', 'utf16le')])).text).toBe('a,é');
    expect(decodeCsvBytes(Buffer.from('plain,ascii\n'))).toEqual({ text: 'plain,ascii\n', warnings: [] });
  });

  it('reads UTF-16 big-endian with its mark', () => {
    const big = Buffer.from('Visit #,Drug\nV1,café 😀\n', 'utf16le').swap16();
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), big]))).toEqual({ text: 'Visit #,Drug\nV1,café 😀\n', warnings: [] });
  });

  it('a UTF-8 mark keeps the file UTF-8: its bad bytes are replaced, it is not read as Latin-1', () => {
    const decoded = decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Visit #,Note\nV1,caf\xe9\n', 'latin1')]));
    expect(decoded.text).toBe('\ufeffVisit #,Note\nV1,caf\ufffd\n');
    expect(decoded.warnings).toEqual(['line 2: invalid UTF-8 byte 0xE9 replaced by \ufffd']);
  });
});

/** The reader parseCsv replaced (a character at a time), kept as the reference its behaviour is held to. */
function charByChar(input: string, delimiter: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError(`line ${quoteLine} opens a quoted field that never closes (a missing " ); fix that line and run again`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
