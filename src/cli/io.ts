/** The command line's output streams, shared by `code` and `report`. */

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress lines are shown when stderr is a terminal, or for large files. */
  stderrIsTTY: boolean;
}

export const processIo = (): Io => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: !!process.stderr.isTTY,
});
