/**
 * What `--out` may be: never a file the run reads (under any name), a folder, a device or a pipe. Checked
 * before anything is written, for the coded copy, the files beside it and the report.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { CodeArgs } from './args';
import { CliError } from './workbookFile';

/** Every file the run reads, with the flag that named it: an output must be none of them. */
function filesRead(args: CodeArgs): { file: string; flag: string }[] {
  const named: [string | null, string][] = [
    [args.drugMap, '--drug-map'], [args.mue, '--mue'], [args.notComplex, '--not-complex'], [args.asp, '--asp'],
    [args.ndcCrosswalk, '--ndc-crosswalk'], [args.fees, '--fees'], [args.payers, '--payers'], [args.revenueCodes, '--revenue-codes'],
    ...args.ptp.map((file): [string, string] => [file, '--ptp']),
  ];
  const out = [{ file: args.input, flag: '' }];
  for (const [file, flag] of named) if (file) out.push({ file, flag });
  return out;
}

/**
 * Refuses an output that would destroy a file the run reads (the input, a drug map, a pricing file...), or
 * that is not a file at all (a folder, a device such as /dev/null, a pipe): writing it would replace it.
 * `intoInput`: the output may be the input itself (the report adds its sheets to the workbook it reports on).
 */
export async function checkOutput(outPath: string, args: CodeArgs, options: { intoInput?: boolean } = {}): Promise<void> {
  for (const { file, flag } of filesRead(args)) {
    if (options.intoInput && flag === '') continue; // the report goes into its own input
    if (await sameFile(file, outPath)) {
      const what = flag ? `${file} (read with ${flag})` : `the input file ${file}`;
      throw new CliError(`refusing to overwrite ${what}; choose another --out`, 2);
    }
  }
  // The coded copy is the input's package: macros and all. Excel opens neither an .xlsx holding macros nor an
  // .xlsm without them.
  const inExt = path.extname(args.input).toLowerCase();
  const outExt = path.extname(outPath).toLowerCase();
  if (inExt === '.xlsm' && outExt === '.xlsx') throw new CliError(`${args.input} has macros: its coded copy keeps them, so it must be an .xlsm too; give --out a name ending in .xlsm`, 2);
  if (inExt === '.xlsx' && outExt === '.xlsm') throw new CliError(`${args.input} has no macros: give --out a name ending in .xlsx (Excel refuses an .xlsm without macros)`, 2);
  const st = await fs.stat(outPath).catch(() => null);
  if (st?.isDirectory()) throw new CliError(`cannot write ${outPath}: it is a folder; give a file name with --out`, 2);
  if (st && !st.isFile()) throw new CliError(`cannot write ${outPath}: it is not a regular file (a device, pipe or socket); choose another --out`, 2);
}

/**
 * The output is the input under another name: the same path, a symbolic link to it (or through a linked
 * folder), or a hard link (same device and inode). Writing it would destroy the input.
 */
export async function sameFile(input: string, output: string): Promise<boolean> {
  if (path.resolve(input) === path.resolve(output)) return true;
  const [a, b] = await Promise.all([fs.stat(input).catch(() => null), fs.stat(output).catch(() => null)]);
  if (a && b && a.dev === b.dev && a.ino === b.ino) return true;
  const real = await fs.realpath(input).catch(() => null);
  if (real === null) return false;
  const out = b ? await fs.realpath(output).catch(() => null) : await fs.realpath(path.dirname(output)).then((d) => path.join(d, path.basename(output)), () => null);
  return out === real;
}
