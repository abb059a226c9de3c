/**
 * Placeholder for `infusion-coder report` (issue 5): the reports engineer replaces this file.
 */
export async function runReport(argv: string[]): Promise<number> {
  void argv;
  process.stderr.write('report: not built yet\n');
  return 2;
}
