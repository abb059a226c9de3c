/**
 * Suites that need an outside program (Chromium, LibreOffice). On a developer machine a missing tool skips
 * the suite with a message; in CI (`CI` set to anything but `false`/`0`) it fails instead, so a CI run that
 * lost its browser or Calc cannot pass by skipping what it was meant to check.
 */
import { spawnSync } from 'child_process';

type SuiteFn = (name: string, fn: () => void) => void;

export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}

/** The path of the first command found on PATH, else null. */
export function findCommand(...names: string[]): string | null {
  for (const name of names) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

/**
 * `describe` when the tool is there; otherwise `describe.skip` with a warning, or (in CI) a suite whose one
 * test fails saying which tool is missing and how to install it.
 */
export function describeWithTool(tool: string, available: boolean, install: string, env: NodeJS.ProcessEnv = process.env): SuiteFn {
  if (available) return describe;
  const why = `${tool} is not installed (${install})`;
  if (inCi(env)) {
    return (name) =>
      describe(name, () => {
        it(`needs ${tool}`, () => {
          throw new Error(`CI is set, so this suite must run, but ${why}.`);
        });
      });
  }
  console.warn(`SKIPPED: ${why}; the suite runs, and fails if the tool is missing, when CI=true.`);
  return describe.skip;
}
