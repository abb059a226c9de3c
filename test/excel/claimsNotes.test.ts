/**
 * The claims notes speak the language of where they are read: in Excel they name the task pane's way of loading
 * a table (its section and field), on the command line the flags. A pane user never sees `--ptp`.
 */
import { summarizeClaims, COMMAND_LINE_LOAD_HINTS } from '../../src/claims/check';
import { claimsSummaryLines } from '../../src/claims/summary';
import { PANE_LOAD_HINTS, TABLES_SECTION, claimsFieldLabel } from '../../src/excel/loadHints';
import { codeSheet } from '../../src/excel/run';
import type { CodingResult } from '../../src/rules/types';
import { setup } from './harness';

const NO_ROWS: CodingResult = { rows: [], encounters: [] } as unknown as CodingResult;

describe('claims notes', () => {
  it('a run in Excel without a PTP sheet says where the pane loads one, and no note shows a flag', async () => {
    const { host } = setup(6);
    const { notices } = await codeSheet(host);
    expect(notices).toContain('NCCI PTP edits were not checked: no PTP file loaded (choose its sheet in Drug map, MUE and claims tables > NCCI PTP file).');
    expect(notices.join('\n')).not.toMatch(/--[a-z]/);
  });

  it('names the pane section and field the Tables panel shows', () => {
    expect(TABLES_SECTION).toBe('Drug map, MUE and claims tables');
    expect(claimsFieldLabel('ptp')).toBe('NCCI PTP file');
    expect(PANE_LOAD_HINTS.ptp).toBe(`choose its sheet in ${TABLES_SECTION} > ${claimsFieldLabel('ptp')}`);
    expect(summarizeClaims(NO_ROWS, {}, PANE_LOAD_HINTS).estimateNote).toBe(
      'No amounts: load an ASP pricing file or a fee schedule sheet in Drug map, MUE and claims tables.',
    );
  });

  it('the command line keeps its flags', () => {
    const cli = summarizeClaims(NO_ROWS, {});
    expect(claimsSummaryLines(cli)).toEqual(['NCCI PTP edits were not checked: no PTP file loaded (--ptp).']);
    expect(cli.estimateNote).toBe('No amounts: load an ASP pricing file (--asp) or a fee schedule (--fees).');
    expect(summarizeClaims(NO_ROWS, {}, COMMAND_LINE_LOAD_HINTS)).toEqual(cli);
  });
});
