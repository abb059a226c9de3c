import ExcelJS from 'exceljs';
import { NOTE_PREFIX } from '../sheet/plan';
import type { WritePlan } from '../sheet/types';
import { csvWithPlan, textOf } from './csv';
import { applyPlan, clearEarlierMarks } from './exceljs';

describe('textOf', () => {
  it('writes dates, times and date-times as text', () => {
    expect(textOf(new Date(Date.UTC(2026, 2, 2)))).toBe('2026-03-02');
    expect(textOf(new Date(Date.UTC(1899, 11, 30, 9, 30)))).toBe('09:30');
    expect(textOf(new Date(Date.UTC(2026, 2, 2, 14, 5)))).toBe('2026-03-02 14:05');
    expect(textOf(35)).toBe('35');
    expect(textOf(null)).toBe('');
  });
});

function plan(p: Partial<WritePlan> = {}): WritePlan {
  return {
    headerRow: 1,
    firstColumn: 3,
    headers: ['IC CPT', 'IC Status'],
    values: [['96365', 'Error'], [null, null]],
    lastRow: 3,
    highlights: [{ row: 2, column: 2, fill: 'error' }],
    notes: [{ row: 2, column: 2, text: `${NOTE_PREFIX}No stop time.` }],
    staleColumns: [],
    layout: {
      freezeRows: 1,
      autoFilter: { row: 1, firstColumn: 1, lastColumn: 4, lastRow: 3 },
      columnWidths: [{ column: 3, width: 9 }, { column: 4, width: 11 }],
      wrapColumns: [3, 4],
      print: { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, repeatRows: { first: 1, last: 1 } },
      statusColumn: { column: 4, firstRow: 2, lastRow: 3, fills: { Error: 'error', Review: 'warning' } },
    },
    ...p,
  };
}

function sheet() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.getRow(1).values = ['Drug', 'Stop'];
  ws.getRow(2).values = ['NS', null];
  ws.getRow(3).values = ['NS', '10:00', 'old', 'old'];
  return ws;
}

const argb = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe('applyPlan', () => {
  it('writes headers bold, values, fills and notes; clears stale values below', () => {
    const ws = sheet();
    applyPlan(ws, plan());
    expect(ws.getCell('C1').value).toBe('IC CPT');
    expect(ws.getCell('C1').font?.bold).toBe(true);
    expect(ws.getCell('C2').value).toBe('96365');
    expect(ws.getCell('D2').value).toBe('Error');
    expect(ws.getCell('C3').value).toBeNull();
    expect(argb(ws.getCell('B2'))).toBe('FFFFC7CE');
    expect(ws.getCell('B2').note).toBe(`${NOTE_PREFIX}No stop time.`);
  });

  it('does not change other cells sharing a style object', () => {
    const ws = sheet();
    const shared = { font: { italic: true } };
    ws.getCell('A2').style = shared;
    ws.getCell('B2').style = shared;
    applyPlan(ws, plan());
    expect(ws.getCell('A2').fill).toBeUndefined();
    expect(shared).toEqual({ font: { italic: true } });
  });

  it('appends to a user note and gives it back untouched on the next run', () => {
    const ws = sheet();
    ws.getCell('B2').note = 'Nurse called pharmacy';
    applyPlan(ws, plan());
    expect(ws.getCell('B2').note).toBe(`Nurse called pharmacy\n\n${NOTE_PREFIX}No stop time.`);
    clearEarlierMarks(ws);
    expect(ws.getCell('B2').note).toBe('Nurse called pharmacy');
    expect(ws.getCell('B2').fill).toBeUndefined();
  });

  it('removes only its own marks: a user fill of the same colour without our note stays', () => {
    const ws = sheet();
    ws.getCell('A3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
    applyPlan(ws, plan());
    applyPlan(ws, plan({ highlights: [], notes: [] }));
    expect(ws.getCell('B2').note).toBeUndefined();
    expect(ws.getCell('B2').fill).toBeUndefined();
    expect(argb(ws.getCell('A3'))).toBe('FFFFC7CE');
  });

  it('clears stale derived columns', () => {
    const ws = sheet();
    applyPlan(ws, plan({ firstColumn: 5, staleColumns: [3, 4] }));
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.getCell('D3').value).toBeNull();
    expect(ws.getCell('E1').value).toBe('IC CPT');
  });
});

describe('csvWithPlan', () => {
  it('adds the derived columns to the rows', () => {
    const grid = { values: [['Drug', 'Stop'], ['NS', null], ['NS', '10:00']], firstRow: 1, firstColumn: 1 };
    expect(csvWithPlan(grid, plan())).toBe('Drug,Stop,IC CPT,IC Status\r\nNS,,96365,Error\r\nNS,10:00,,\r\n');
  });
});
