import { emptySettings, parseSettings, serializeSettings, SETTINGS_VERSION, type Ledger } from './settings';
import { resolveMapping } from '../sheet/mapping';
import { ledgerMatches, staleAreas } from './run';

const ledger: Ledger = {
  sheetId: '{1}',
  sheetName: 'Data',
  headerRow: 3,
  firstColumn: 17,
  headers: ['IC CPT', 'IC HCPCS'],
  lastRow: 40,
  fills: [[8, 12, 'error', null]],
  notes: [[8, 12, 'note', null]],
};

describe('stored settings', () => {
  it('round-trips through JSON', () => {
    const s = emptySettings();
    s.options = { setting: 'office' };
    s.mappings.Data = { necessity: 'Why', diagnosis: null };
    s.ledgers['{1}'] = ledger;
    expect(parseSettings(serializeSettings(s))).toEqual(s);
  });

  it.each([
    ['not JSON', '{oops'],
    ['a number', 42],
    ['another version', JSON.stringify({ version: 99, options: { setting: 'office' } })],
    ['null', null],
  ])('falls back to defaults for %s', (_what, raw) => {
    expect(parseSettings(raw)).toEqual(emptySettings());
  });

  it('keeps the valid parts of a damaged value', () => {
    const raw = JSON.stringify({
      version: SETTINGS_VERSION,
      options: { setting: 'office' },
      mappings: { Data: { necessity: 'Why' }, Bad: { notAField: 3 } },
      drugMap: 'nonsense',
      ledgers: { '{1}': ledger, '{2}': { sheetId: 5 } },
    });
    const s = parseSettings(raw);
    expect(s.options).toEqual({ setting: 'office' });
    expect(s.mappings).toEqual({ Data: { necessity: 'Why' } });
    expect(s.drugMap).toBeNull();
    expect(Object.keys(s.ledgers)).toEqual(['{1}']);
  });
});

describe('mapping overrides', () => {
  it('turns stored header text into columns, null into "unmapped", a header no longer there into nothing', () => {
    const grid = { firstRow: 1, firstColumn: 1, values: [['Visit #', 'Drug', 'Start', 'Stop', 'Why']] };
    expect(resolveMapping(grid, { necessity: 'why', encounter: 'Visit #', diagnosis: null, drug: 'Gone' })).toEqual({
      encounter: 1,
      necessity: 5,
      diagnosis: 0,
    });
  });
});

describe('ledger checks and stale areas', () => {
  it('trusts a ledger only while its header cells are where it wrote them', () => {
    const values: (string | null)[][] = [[], [], new Array(18).fill(null)];
    values[2][16] = 'IC CPT';
    values[2][17] = 'IC HCPCS';
    const grid = { values, firstRow: 1, firstColumn: 1 };
    expect(ledgerMatches(ledger, grid)).toBe(true);
    values[2][17] = 'Something else';
    expect(ledgerMatches(ledger, grid)).toBe(false);
    expect(ledgerMatches(undefined, grid)).toBe(false);
  });

  it('clears earlier derived cells the new block does not cover', () => {
    // The block moved one column right and got shorter.
    expect(staleAreas(ledger, [], 3, 40, { firstColumn: 18, width: 2, lastRow: 30 })).toEqual([
      { top: 3, bottom: 40, left: 17, right: 17 },
      { top: 31, bottom: 40, left: 18, right: 18 },
    ]);
    // Clear: everything, down to the used range.
    expect(staleAreas(ledger, [19], 3, 50, null)).toEqual([{ top: 3, bottom: 50, left: 17, right: 19 }]);
    expect(staleAreas(null, [], 1, 10, { firstColumn: 5, width: 7, lastRow: 10 })).toEqual([]);
  });
});
