import { CODE_TABLE } from '../rules/codeTable';
import { DrugCatalog, drugEntry } from '../rules/catalog/catalog';
import { REPORT_FAMILIES } from '../rules/data/reportFamilies';
import { codeFamily } from './summary';

describe('code families', () => {
  it.each([
    ['cpt', '96360', 'Hydration'],
    ['cpt', '96366', 'Therapeutic infusion / push'],
    ['cpt', '96375', 'Therapeutic infusion / push'],
    ['cpt', '96372', 'Injection (IM/SQ)'],
    ['cpt', '96413', 'Complex / chemotherapy'],
    ['cpt', '96523', 'Complex / chemotherapy'],
    ['cpt', '96363', 'Other CPT'],
    ['hcpcs', 'J7030', 'Fluids (HCPCS)'],
    ['hcpcs', 'Q9967', 'Contrast (HCPCS)'],
    ['hcpcs', 'J3490', 'Unclassified drug (J3490)'],
    ['hcpcs', 'J0696', 'Drugs (HCPCS)'],
    // Gadolinium agents (catalog class X) are contrast, not drugs.
    ['hcpcs', 'A9585', 'Contrast (HCPCS)'],
    ['hcpcs', 'A9575', 'Contrast (HCPCS)'],
    // A Q99 code that is not a contrast agent (a Tc-99m add-on) is not counted as contrast.
    ['hcpcs', 'Q9969', 'Drugs (HCPCS)'],
  ] as const)('%s %s is %s', (kind, code, family) => {
    expect(codeFamily(kind, code)).toBe(family);
  });

  it('counts a contrast code as contrast even when a drug map calls it a drug, and a mapped fluid as a fluid', () => {
    const catalog = DrugCatalog.builtIn().withEntries([
      drugEntry({ name: 'my iohexol', hcpcs: 'Q9966', drugClass: 'T' }),
      drugEntry({ name: 'plasma-lyte', hcpcs: 'J3490', drugClass: 'H' }),
    ]);
    expect(codeFamily('hcpcs', 'Q9966', catalog)).toBe('Contrast (HCPCS)');
    expect(codeFamily('hcpcs', 'J3490', catalog)).toBe('Fluids (HCPCS)');
  });

  it('puts every code of the code table in one family, the CPT ranges never overlapping', () => {
    const families = REPORT_FAMILIES.values;
    expect(families.filter((f) => f.rest).map((f) => f.kind).sort()).toEqual(['cpt', 'hcpcs']);
    const ranges = families.flatMap((f) => f.cptRanges ?? []).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBeGreaterThan(ranges[i - 1][1]);
    const named = new Set(families.filter((f) => !f.rest).map((f) => f.name));
    for (const d of CODE_TABLE) expect([d.code, named.has(codeFamily('cpt', d.code))]).toEqual([d.code, true]);
    // G0498 is Medicare's code for the chemotherapy pump start (96416): counted with chemotherapy
    expect(codeFamily('cpt', 'G0498')).toBe(codeFamily('cpt', '96416'));
  });
});
