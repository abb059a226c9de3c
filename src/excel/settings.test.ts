import { emptySettings, parseSettings, serializeSettings, SETTINGS_VERSION, type Ledger } from './settings';
import { overrideColumns } from './mapping';
import { codeFamily } from './summary';

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
  it('turns header text into columns, null into "unmapped"', () => {
    const headers = new Map([
      [1, 'Visit #'],
      [5, 'Why'],
    ]);
    expect(overrideColumns(headers, { necessity: 'why', encounter: 'Visit #', diagnosis: null, drug: 'Gone' })).toEqual({
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

describe('code families', () => {
  it.each([
    ['cpt', '96360', 'Hydration'],
    ['cpt', '96366', 'Therapeutic infusion / push'],
    ['cpt', '96375', 'Therapeutic infusion / push'],
    ['cpt', '96372', 'Injection (IM/SQ)'],
    ['cpt', '96413', 'Complex / chemotherapy'],
    ['hcpcs', 'J7030', 'Fluids (HCPCS)'],
    ['hcpcs', 'Q9967', 'Contrast (HCPCS)'],
    ['hcpcs', 'J3490', 'Unclassified drug (J3490)'],
    ['hcpcs', 'J0696', 'Drugs (HCPCS)'],
  ] as const)('%s %s is %s', (kind, code, family) => {
    expect(codeFamily(kind, code)).toBe(family);
  });
});
