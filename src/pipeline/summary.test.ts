import { codeFamily } from './summary';

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
    // Gadolinium agents (catalog class X) are contrast, not drugs.
    ['hcpcs', 'A9585', 'Contrast (HCPCS)'],
    ['hcpcs', 'A9575', 'Contrast (HCPCS)'],
  ] as const)('%s %s is %s', (kind, code, family) => {
    expect(codeFamily(kind, code)).toBe(family);
  });
});
