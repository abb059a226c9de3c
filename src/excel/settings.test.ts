import { emptySettings, parseSettings, serializeSettings, SETTINGS_VERSION, type Ledger } from '../runtime/settings';
import { resolveMapping } from '../sheet/mapping';

const ledger: Ledger = {
  sheetId: '{1}',
  sheetName: 'Data',
  headerRow: 3,
  firstColumn: 17,
  headers: ['IC CPT', 'IC HCPCS'],
  lastRow: 40,
  notes: ['0a1b2c3d'],
  noteKind: 'note',
  rules: 2,
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

describe('version 1 settings', () => {
  it('are upgraded: options and mappings kept, note fingerprints carried over, fills only counted', () => {
    const v1 = {
      version: 1,
      options: { setting: 'office' },
      mappings: { Data: { necessity: 'Why' } },
      ledgers: {
        '{1}': {
          sheetId: '{1}',
          sheetName: 'Data',
          headerRow: 3,
          firstColumn: 17,
          headers: ['IC CPT'],
          lastRow: 40,
          fills: [[8, 12, 'error', null], [9, 12, 'error', { color: '#DDEBF7' }]],
          notes: [[8, 12, 'note', 'deadbeef'], [9, 12, 'note', 'deadbeef'], [10, 12, 'note', null]],
        },
      },
    };
    const s = parseSettings(JSON.stringify(v1));
    expect(s.version).toBe(SETTINGS_VERSION);
    expect(s.options).toEqual({ setting: 'office' });
    expect(s.mappings).toEqual({ Data: { necessity: 'Why' } });
    expect(s.ledgers['{1}']).toMatchObject({ notes: ['deadbeef'], noteKind: 'note', rules: 0, legacyFills: 2, headerRow: 3 });
    // Saved again, it is a version 2 value.
    expect(JSON.parse(serializeSettings(s)).version).toBe(SETTINGS_VERSION);
  });
});
