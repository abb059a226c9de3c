/**
 * The rules as data (issue 9 item 4): the code table is consistent, every finding renders from its id and
 * parameters in the one messages module, no decision names a CPT or HCPCS code, and docs/coding-rules.md lists every
 * code, finding and option with its default.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { artifactDir } from '../artifacts';
import { CODE_TABLE, code, codeDef, orphanAddOns } from '../../src/rules/codeTable';
import { FINDING_SEVERITY, FINDING_TITLES } from '../../src/rules/findings';
import { MESSAGE_KEYS, messageParams, renderFinding } from '../../src/rules/messages';
import { DEFAULT_OPTIONS, OPTION_DESCRIPTORS, codingOptionsSchema } from '../../src/rules/options';
import { FINDING_IDS, type FindingId } from '../../src/rules/types';

const root = path.resolve(__dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

/** The coding path and what consumes its result: decisions here name no code number. */
const DECISION_DIRS = ['src/rules', 'src/pipeline', 'src/sheet', 'src/inputs', 'src/reports', 'src/claims'];
/** The tables a yearly CPT / HCPCS update edits (docs/development.md); a folder ends with `/`. */
const CODE_TABLE_FILES = [
  'src/rules/codeTable.ts', 'src/rules/data/', 'src/rules/catalog/drugs2026.ts', 'src/rules/catalog/mue.ts', 'src/rules/catalog/notComplex.ts',
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Code numbers written in a file's code (not its comments): `'96365'`, `'J3490'` or the number 96365. */
function codeLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
  const codes: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && /^(?:9\d{4}|[A-Z]\d{4})$/.test(node.text)) codes.push(node.text);
    if (ts.isNumericLiteral(node) && /^9\d{4}$/.test(node.text)) codes.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return codes;
}

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
  it('is, with the other tables, the only place a CPT or HCPCS code number is written', () => {
    const found = new Map<string, string[]>();
    for (const file of DECISION_DIRS.flatMap(sourceFiles)) {
      if (CODE_TABLE_FILES.some((t) => file === t || file.startsWith(t))) continue;
      const codes = codeLiterals(file);
      if (codes.length > 0) found.set(file, codes);
    }
    expect(Object.fromEntries(found)).toEqual({});
  });
  it('that check sees a code written as a string or a number, and not one in a comment', () => {
    const file = path.join(artifactDir('rule-data-'), 'decision.ts');
    fs.writeFileSync(file, "// 96365 in a comment\nexport const a = (c: string, n: number) => c === 'J3490' || n >= 96401 || `96372` === c;\n");
    expect(codeLiterals(path.relative(root, file))).toEqual(['J3490', '96401', '96372']);
  });
});

describe('the reference lists of src/rules/data', () => {
  it('each carry their values, a source and an edition', () => {
    const files = fs.readdirSync(path.join(root, 'src/rules/data')).filter((f) => f.endsWith('.ts'));
    let lists = 0;
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = require(path.join(root, 'src/rules/data', file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) {
        if (typeof value !== 'object' || value === null || !('values' in value)) continue;
        const list = value as { values: unknown; source: unknown; edition: unknown };
        expect({ name, source: typeof list.source, edition: typeof list.edition }).toEqual({ name, source: 'string', edition: 'string' });
        expect(String(list.source).length).toBeGreaterThan(10);
        expect(list.edition).toMatch(/\d{4}|edition \d/);
        lists++;
      }
    }
    expect(lists).toBeGreaterThanOrEqual(15);
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
