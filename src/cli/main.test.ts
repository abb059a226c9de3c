import * as path from 'path';
import { defaultOutput, main, type Io } from './main';

function fakeIo(): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stderrIsTTY: false,
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

describe('main', () => {
  it('prints help and the version', async () => {
    const io = fakeIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out).toMatch(/infusion-coder code INPUT/);
    const v = fakeIo();
    expect(await main(['--version'], v)).toBe(0);
    expect(v.out).toMatch(/^infusion-coder \d+\.\d+\.\d+, rules edition 2, drug catalog 2026 \(302 rows\)\n$/);
  });

  it('without a command shows usage on stderr and exits 2', async () => {
    const io = fakeIo();
    expect(await main([], io)).toBe(2);
    expect(io.err).toMatch(/Usage/);
  });

  it('reports a missing input on one line', async () => {
    const io = fakeIo();
    expect(await main(['code', path.join(__dirname, 'no-such-file.xlsx'), '--json'], io)).toBe(1);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(/^infusion-coder: cannot read .*no such file/);
  });
});

describe('defaultOutput', () => {
  it('puts .coded.xlsx beside the input', () => {
    expect(defaultOutput(path.join('data', 'march.xlsx'))).toBe(path.join('data', 'march.coded.xlsx'));
    expect(defaultOutput('visits.csv')).toBe('visits.coded.xlsx');
  });
});
