/**
 * The fake Excel behaves like Office.js where the product relies on it: load before read, sync before read,
 * *OrNullObject, objects bound to their Excel.run, payload limits, RangeAreas address limits, notes, settings,
 * and recording of pivot tables and charts.
 */
import { createFakeExcel, deleteColumns, deleteRows, FakeWorkbook, insertColumns, insertRows, shownFill, sortRows, type FakeRequestContext } from '.';

function setup(options = {}) {
  const model = new FakeWorkbook(options);
  const sheet = model.addSheet('Data', [
    ['Drug', 'Dose'],
    ['ceftriaxone', '1 g'],
    [null, null],
    ['ondansetron', '4 mg'],
  ]);
  const fake = createFakeExcel(model);
  const run = <T>(batch: (ctx: FakeRequestContext) => Promise<T>) => fake.run(batch);
  return { model, sheet, run };
}

describe('fake Excel', () => {
  it('throws PropertyNotLoaded for a property read without load, or before the sync', async () => {
    const { run } = setup();
    await run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Data').getRange('A1:B2');
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      range.load('values');
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      const pending = ctx.sync();
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      await pending;
      expect(range.values).toEqual([
        ['Drug', 'Dose'],
        ['ceftriaxone', '1 g'],
      ]);
      expect(() => range.address).toThrow(/PropertyNotLoaded/);
    });
  });

  it('counts syncs and request bytes, and runs queued operations in order', async () => {
    const { run, model, sheet } = setup();
    model.resetStats();
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      const cell = ws.getRange('C2');
      cell.values = [['x']];
      cell.load('values');
      await ctx.sync();
      expect(cell.values).toEqual([['x']]);
    });
    expect(model.stats.syncs).toBe(1);
    expect(model.stats.requestBytes[0]).toBeGreaterThan(0);
    expect(sheet.get(2, 3)).toBe('x');
  });

  it('rejects a request over the payload limit, like Excel', async () => {
    const { run } = setup({ payloadLimit: 5 * 1024 * 1024 });
    const big = Array.from({ length: 60_000 }, () => ['x'.repeat(100)]);
    await expect(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Data').getRange('D1:D60000').values = big;
        await ctx.sync();
      }),
    ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  });

  it('reports used ranges, null objects and missing items', async () => {
    const { run } = setup();
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Data');
      const used = ws.getUsedRange(true);
      used.load('address,rowCount,columnCount');
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const setting = ctx.workbook.settings.getItemOrNullObject('k');
      await ctx.sync();
      expect(used.address).toBe('Data!A1:B4');
      expect(missing.isNullObject).toBe(true);
      expect(setting.isNullObject).toBe(true);
    });
    await expect(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Nope').load('name');
        await ctx.sync();
      }),
    ).rejects.toThrow(/ItemNotFound/);
  });

  it('binds objects to their Excel.run', async () => {
    const { run } = setup();
    let leaked: { load(p: string): unknown } | null = null;
    await run(async (ctx) => {
      leaked = ctx.workbook.worksheets.getItem('Data');
      await ctx.sync();
    });
    expect(() => leaked!.load('name')).toThrow(/InvalidObjectPath/);
  });

  it('fills RangeAreas and rejects addresses of 8,192 characters or more', async () => {
    const { run, sheet } = setup();
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRanges('A2,B4:B5').format.fill.color = '#FFC7CE';
      await ctx.sync();
    });
    expect(sheet.fillCells().map((c) => `${c.row},${c.column}`).sort()).toEqual(['2,1', '4,2', '5,2']);
    const long = Array.from({ length: 2000 }, (_, i) => `A${i + 1}`).join(',');
    expect(long.length).toBeGreaterThanOrEqual(8192);
    await expect(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Data').getRanges(long).format.fill.clear();
        await ctx.sync();
      }),
    ).rejects.toThrow(/InvalidArgument/);
  });

  it('reads cell properties before a change queued after them in the same batch', async () => {
    const { run, sheet } = setup();
    sheet.setFill(2, 1, { color: '#DDEBF7', pattern: 'Solid' });
    await run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Data').getRange('A2:A3');
      const before = range.getCellProperties({ format: { fill: { color: true, pattern: true } } });
      range.format.fill.color = '#FFC7CE';
      await ctx.sync();
      expect((before.value as { format?: { fill?: unknown } }[][]).map((r) => r[0].format?.fill)).toEqual([
        { color: '#DDEBF7', pattern: 'Solid' },
        { color: '#FFFFFF', pattern: 'None' },
      ]);
    });
    expect(sheet.fill(3, 1)?.color).toBe('#FFC7CE');
  });

  it('keeps one note per cell, and needs ExcelApi 1.18 for notes', async () => {
    const { run, sheet } = setup();
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').notes.add('Data!B2', 'check the dose');
      await ctx.sync();
    });
    expect(sheet.note(2, 2)?.content).toBe('check the dose');
    await expect(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Data').notes.add('Data!B2', 'again');
        await ctx.sync();
      }),
    ).rejects.toThrow(/already has a note/);
    const old = setup({ apiVersion: 12 });
    await expect(
      old.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Data').notes.add('Data!B2', 'x');
        await ctx.sync();
      }),
    ).rejects.toThrow(/ApiNotFound/);
  });

  it('stores settings as JSON and counts Excel.run calls', async () => {
    const { run, model } = setup();
    await run(async (ctx) => {
      ctx.workbook.settings.add('k', JSON.stringify({ version: 1 }));
      await ctx.sync();
    });
    expect(model.setting('k')).toBe('{"version":1}');
    expect(model.stats.runs).toBe(1);
  });

  it('records pivot tables and charts for report tests', async () => {
    const { run, sheet } = setup();
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Data') as unknown as {
        charts: { add(...a: unknown[]): { title: { text: string } } };
      };
      const chart = ws.charts.add('ColumnClustered', 'A1:B4', 'Auto');
      chart.title.text = 'Volume';
      await ctx.sync();
    });
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0].args[0]).toBe('ColumnClustered');
    expect(sheet.charts[0].calls.some((c) => c.method === 'set text' && c.args[0] === 'Volume')).toBe(true);
  });
});

describe('fake Excel: conditional formats, user edits, collections', () => {
  function sheetWithRule() {
    const { model, sheet, run } = setup();
    return { model, sheet, run };
  }

  it('adds a custom rule on a range, lists it with its formula, shows its fill where it holds, deletes it', async () => {
    const { sheet, run } = sheetWithRule();
    await run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem('Data').getRange('B2:B4').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=ISNUMBER(SEARCH("mg",B2))';
      cf.custom.format.fill.color = '#FFC7CE';
      await ctx.sync();
    });
    expect(shownFill(sheet, 4, 2)?.color).toBe('#FFC7CE'); // '4 mg'
    expect(shownFill(sheet, 2, 2)).toBeUndefined(); // '1 g'
    await run(async (ctx) => {
      const rules = ctx.workbook.worksheets.getItem('Data').getRange().conditionalFormats;
      rules.load('items/id,items/type,items/customOrNullObject/rule/formula');
      await ctx.sync();
      expect(rules.items.map((r) => [r.type, r.customOrNullObject.isNullObject, r.customOrNullObject.rule.formula])).toEqual([
        ['Custom', false, '=ISNUMBER(SEARCH("mg",B2))'],
      ]);
      rules.getItem(rules.items[0].id).delete();
      await ctx.sync();
    });
    expect(sheet.conditionalFormats).toEqual([]);
  });

  it('moves values, fills, notes and rule areas like Excel when rows and columns are inserted, deleted or sorted', () => {
    const { sheet } = sheetWithRule();
    sheet.setFill(4, 1, { color: '#E2EFDA', pattern: 'Solid' });
    sheet.setNote(4, 1, { content: 'mine', author: 'Ann' });
    sheet.conditionalFormats.push({ id: 'r', type: 'Custom', rects: [{ top: 2, bottom: 4, left: 1, right: 1 }], formula: '=ISNUMBER(SEARCH("on",$A2))', fill: '#FFC7CE', stopIfTrue: false });
    insertRows(sheet, 3, 2);
    expect(sheet.get(6, 1)).toBe('ondansetron');
    expect(sheet.fill(6, 1)?.color).toBe('#E2EFDA');
    expect(sheet.note(6, 1)?.content).toBe('mine');
    expect(sheet.conditionalFormats[0].rects).toEqual([{ top: 2, bottom: 6, left: 1, right: 1 }]);
    insertRows(sheet, 1, 1);
    expect(sheet.conditionalFormats[0]).toMatchObject({ rects: [{ top: 3, bottom: 7, left: 1, right: 1 }], formula: '=ISNUMBER(SEARCH("on",$A3))' });
    insertColumns(sheet, 1, 1);
    expect(sheet.conditionalFormats[0]).toMatchObject({ rects: [{ top: 3, bottom: 7, left: 2, right: 2 }], formula: '=ISNUMBER(SEARCH("on",$B3))' });
    expect(shownFill(sheet, 7, 2)?.color).toBe('#FFC7CE');
    // Sorting moves the cells' own marks with their rows; the rule stays and reads each row's value.
    sortRows(sheet, { top: 3, bottom: 7, left: 2, right: 3 }, 2, true);
    expect(sheet.get(3, 2)).toBe('ondansetron');
    expect(sheet.note(3, 2)?.content).toBe('mine');
    expect(sheet.fill(3, 2)?.color).toBe('#E2EFDA');
    expect(shownFill(sheet, 3, 2)?.color).toBe('#FFC7CE');
    // A rule whose referenced column is deleted says #REF! (and never holds); one whose area is deleted goes.
    sheet.conditionalFormats.push({ id: 'd', type: 'Custom', rects: [{ top: 3, bottom: 7, left: 3, right: 3 }], formula: '=ISNUMBER(SEARCH("on",$B3))', fill: '#FFEB9C', stopIfTrue: false });
    deleteColumns(sheet, 2, 1);
    expect(sheet.conditionalFormats).toEqual([expect.objectContaining({ id: 'd', rects: [{ top: 3, bottom: 7, left: 2, right: 2 }], formula: '=ISNUMBER(SEARCH("on",#REF!))' })]);
    expect(shownFill(sheet, 3, 2)).toBeUndefined();
    deleteRows(sheet, 1, 2);
    expect(sheet.note(1, 1)).toBeUndefined();
  });

  it('serves every collection from one class: the same slices, counts and items by position', async () => {
    const { model, sheet, run } = setup({ apiVersion: 18 });
    model.addSheet('Second');
    model.addSheet('Third');
    for (let r = 1; r <= 3; r++) {
      sheet.setNote(r, 3, { content: `n${r}`, author: 'Ann' });
      model.comments.push({ id: `c${r}`, sheetId: sheet.id, row: r, column: 4, content: `c${r}`, author: 'Ann' });
      model.settings.set(`k${r}`, JSON.stringify(r));
      model.addTable(sheet, { top: 10 * r, left: 1, bottom: 10 * r + 1, right: 2 }, `T${r}`);
      sheet.conditionalFormats.push({ id: `r${r}`, type: 'Custom', rects: [{ top: r, bottom: r, left: 1, right: 1 }], formula: '=TRUE', fill: null, stopIfTrue: false });
    }
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Data');
      const collections = {
        worksheets: ctx.workbook.worksheets, tables: ctx.workbook.tables, settings: ctx.workbook.settings, notes: ws.notes,
        comments: ctx.workbook.comments, conditionalFormats: ws.getRange().conditionalFormats,
      };
      const counts = Object.entries(collections).map(([name, c]) => {
        c.load({ $top: 1, $skip: 1 } as never);
        return { name, count: c.getCount(), second: c.getItemAt(1) };
      });
      await ctx.sync();
      for (const { name, count, second } of counts) {
        const c = collections[name as keyof typeof collections];
        expect({ name, items: c.items.length, count: count.value }).toEqual({ name, items: 1, count: 3 });
        expect(second.isNullObject).toBe(false);
      }
    });
  });

  it('gives a conditional format\'s range', async () => {
    const { run } = setup();
    await run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem('Data').getRange('B2:B4').conditionalFormats.add('Custom');
      const area = cf.getRange();
      area.load('address');
      await ctx.sync();
      expect(area.address).toBe('Data!B2:B4');
    });
  });

  it('loads a slice of a collection with $top and $skip', async () => {
    const { sheet, run } = sheetWithRule();
    for (let r = 1; r <= 5; r++) sheet.setNote(r, 3, { content: `n${r}`, author: 'Ann' });
    await run(async (ctx) => {
      const notes = ctx.workbook.worksheets.getItem('Data').notes;
      notes.load({ $select: 'content', $top: 2, $skip: 1 } as never);
      await ctx.sync();
      expect(notes.items.map((n) => n.content)).toEqual(['n2', 'n3']);
    });
  });
});
