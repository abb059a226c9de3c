/** A suite whose tool is missing skips on a developer machine and fails in CI. */
import { describeWithTool, inCi } from '../tools';

describe('describeWithTool', () => {
  it('reads CI the way CI services set it', () => {
    expect(inCi({ CI: 'true' })).toBe(true);
    expect(inCi({ CI: '1' })).toBe(true);
    expect(inCi({})).toBe(false);
    expect(inCi({ CI: 'false' })).toBe(false);
    expect(inCi({ CI: '0' })).toBe(false);
  });

  function register(available: boolean, env: NodeJS.ProcessEnv): { suites: string[]; tests: { name: string; fn: () => void }[]; skipped: boolean } {
    const g = globalThis as unknown as { describe: unknown; it: unknown };
    const saved = { describe: g.describe, it: g.it };
    const seen = { suites: [] as string[], tests: [] as { name: string; fn: () => void }[], skipped: false };
    const fakeDescribe = Object.assign((name: string, fn: () => void) => (seen.suites.push(name), fn()), {
      skip: () => (seen.skipped = true),
    });
    g.describe = fakeDescribe;
    g.it = (name: string, fn: () => void) => seen.tests.push({ name, fn });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const suite = describeWithTool('Chromium', available, 'apt-get install chromium', env);
      suite('the pane', () => g.it === undefined || (g.it as (n: string, f: () => void) => void)('works', () => undefined));
    } finally {
      g.describe = saved.describe;
      g.it = saved.it;
      warn.mockRestore();
    }
    return seen;
  }

  it('runs the suite when the tool is there', () => {
    const seen = register(true, { CI: 'true' });
    expect(seen.suites).toEqual(['the pane']);
    expect(seen.tests.map((t) => t.name)).toEqual(['works']);
  });

  it('skips with a message on a developer machine', () => {
    expect(register(false, {}).skipped).toBe(true);
  });

  it('fails, naming the tool, in CI', () => {
    const seen = register(false, { CI: 'true' });
    expect(seen.skipped).toBe(false);
    expect(seen.tests.map((t) => t.name)).toEqual(['needs Chromium']);
    expect(() => seen.tests[0].fn()).toThrow(/CI is set.*Chromium is not installed \(apt-get install chromium\)/);
  });
});
