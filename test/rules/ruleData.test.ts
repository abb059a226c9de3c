/**
 * The rules as data (issue 9 item 4): the code table is consistent, every finding renders from its id and
 * parameters in the one messages module, no decision names a CPT code, and docs/coding-rules.md lists every
 * code, finding and option with its default.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CODE_TABLE, code, codeDef, orphanAddOns } from '../../src/rules/codeTable';
import { FINDING_SEVERITY, FINDING_TITLES } from '../../src/rules/findings';
import { MESSAGE_KEYS, messageParams, renderFinding } from '../../src/rules/messages';
import { DEFAULT_OPTIONS, OPTION_DESCRIPTORS, codingOptionsSchema } from '../../src/rules/options';
import { FINDING_IDS, type FindingId } from '../../src/rules/types';

const root = path.resolve(__dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

describe('the code table', () => {
  it('has one code per family and place, and every add-on names primary codes that are in the table', () => {
    const places = new Set(CODE_TABLE.map((d) => `${d.family}|${d.slot}`));
    expect(places.size).toBe(CODE_TABLE.length);
    for (const d of CODE_TABLE) {
      if (d.role === 'add-on') expect(d.primaries.length).toBeGreaterThan(0);
      for (const p of d.primaries) expect(codeDef(p)).toBeDefined();
      expect(code(d.family, d.slot)).toBe(d.code);
      expect(d.description.length).toBeGreaterThan(10);
    }
    expect(() => code('pump', 'concurrent')).toThrow(/no concurrent code for pump/);
  });
  it('knows orphan add-ons', () => {
    expect(orphanAddOns(['96366'])).toEqual(['96366']);
    expect(orphanAddOns(['96365', '96366', '96370'])).toEqual(['96370']);
    expect(orphanAddOns(['96369', '96370', '96371', '96422', '96423'])).toEqual([]);
  });
  it('is the only place a CPT code number is written in the rules decisions', () => {
    for (const file of ['assign.ts', 'classify.ts', 'index.ts', 'line.ts', 'mixture.ts']) {
      expect(read(`src/rules/${file}`).match(/['"`]9\d{4}['"`]/g) ?? []).toEqual([]);
    }
  });
});

describe('finding sentences', () => {
  it('every finding id has a severity, a title and a sentence', () => {
    for (const id of FINDING_IDS) {
      expect(FINDING_SEVERITY[id]).toMatch(/^(error|warning|info)$/);
      expect(FINDING_TITLES[id].length).toBeGreaterThan(3);
    }
    const rulesIds = new Set(MESSAGE_KEYS.map((k) => k.split('/')[0]));
    // Input adapters and claims write their own sentences; every id the rules raise has a template.
    for (const id of ['missing-stop-time', 'split-dose', 'flush-bundled', 'injection-purpose-unknown', 'short-sc-infusion', 'unlisted-service', 'pump-refill-bundled', 'concurrent-complex-drug', 'code-not-effective', 'unparseable-rate']) {
      expect(rulesIds.has(id)).toBe(true);
    }
  });
  it('every template renders with its parameters, leaving no placeholder', () => {
    for (const key of MESSAGE_KEYS) {
      const [id, variant] = key.split('/');
      const params: Record<string, string | number> = variant ? { variant } : {};
      for (const name of messageParams(key)) params[name] = `<${name}>`;
      const text = renderFinding(id as FindingId, params);
      expect(text).not.toMatch(/\{\w+\}/);
      for (const name of messageParams(key)) expect(text).toContain(`<${name}>`);
      expect(text).toMatch(/[.)]$/);
    }
  });
  it('an unknown variant falls back to the id sentence; a missing parameter stays visible', () => {
    expect(renderFinding('missing-dose', { variant: 'nope', drug: 'x' })).toBe(renderFinding('missing-dose', { drug: 'x' }));
    expect(renderFinding('missing-dose', {})).toContain('{drug}');
  });
});

describe('options', () => {
  it('every schema option has a flag, a label and, for choices, every value', () => {
    const keys = Object.keys(codingOptionsSchema.shape).sort();
    expect(OPTION_DESCRIPTORS.map((d) => d.key).sort()).toEqual(keys);
    expect(new Set(OPTION_DESCRIPTORS.map((d) => d.flag)).size).toBe(OPTION_DESCRIPTORS.length);
    for (const d of OPTION_DESCRIPTORS) {
      if (d.kind === 'enum') {
        const values = Object.keys(d.choices ?? {});
        for (const v of values) expect(codingOptionsSchema.shape[d.key].safeParse(v).success).toBe(true);
        expect(values[0] === String(DEFAULT_OPTIONS[d.key]) || values.includes(String(DEFAULT_OPTIONS[d.key]))).toBe(true);
      }
    }
  });
  it('has the defaults RULES.md edition 2 states', () => {
    expect(DEFAULT_OPTIONS).toMatchObject({
      separateEncounterModifier: '59', missingTimeInfusion: 'push', noTimesInfusion: 'none', computeStopFromRate: true,
      complexInjections: 'mac-list', g0498Payers: [], repeatInfusion: 'interval', splitDose: 'one', listFlushDrugs: 'irrigation-only',
    });
  });
});

describe('docs/coding-rules.md', () => {
  const doc = read('docs/coding-rules.md');
  it('lists every code, finding and option', () => {
    for (const d of CODE_TABLE) expect(doc).toContain(`| ${d.code} |`);
    for (const id of FINDING_IDS) expect(doc).toContain(`\`${id}\``);
    for (const d of OPTION_DESCRIPTORS) expect(doc).toContain(`\`${d.flag}\``);
  });
  it('is linked from the README and the development guide names the file of each yearly update', () => {
    expect(read('README.md')).toContain('docs/coding-rules.md');
    expect(read('docs/development.md')).toMatch(/## Yearly updates: which file each kind of update touches[\s\S]*codeTable\.ts[\s\S]*messages\.ts/);
  });
});
