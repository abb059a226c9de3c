/**
 * The pane shares the workbook's saved options and drug map with the custom functions (one shared runtime)
 * and asks Excel to recalculate when they change, so formulas code with the same tables as "Code rows".
 */
import { hostFrom } from '../../src/excel/host';
import { getFunctionContext, resetFunctionContext } from '../../src/runtime/functionContext';
import { hcpcsCode } from '../../src/functions/functions';
import { DEFAULT_OPTIONS } from '../../src/rules/options';
import { excelGateway } from '../../src/taskpane/gateway';
import { createFakeExcel, FakeWorkbook } from '../fake-excel';

(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: class extends Error {
    constructor(public code: string, message?: string) {
      super(message);
    }
  },
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
};

function setup() {
  const model = new FakeWorkbook();
  model.addSheet('Log', [
    ['Encounter', 'Drug', 'Route', 'Start', 'Stop'],
    ['E1', 'ondansetron', 'IV push', '09:00', ''],
  ]);
  model.addSheet('Drugs', [['name', 'HCPCS', 'billing unit', 'class'], ['zz-house-drug', 'J9999', '1 mg', 'T']]);
  const gateway = excelGateway(hostFrom(createFakeExcel(model).run as never));
  const recalcs = () => model.calls.filter((c) => c.method === 'calculate').length;
  return { model, gateway, recalcs };
}

describe('sharing the workbook settings with the custom functions', () => {
  beforeEach(() => resetFunctionContext());

  it('gives the functions the saved options and recalculates once per change', async () => {
    const { gateway, recalcs } = setup();
    await gateway.inspect();
    expect(recalcs()).toBe(0); // defaults: nothing to recalculate

    await gateway.saveOptions({ ...DEFAULT_OPTIONS, setting: 'office' });
    expect(getFunctionContext().options.setting).toBe('office');
    expect(recalcs()).toBe(1);

    await gateway.saveOptions({ ...DEFAULT_OPTIONS, setting: 'office' });
    expect(recalcs()).toBe(1); // unchanged: no second recalculation
  });

  it("gives the functions the workbook's drug map", async () => {
    const { gateway, recalcs } = setup();
    await gateway.setDrugMap('Drugs');
    expect(getFunctionContext().catalog?.lookup('zz-house-drug')?.entry.hcpcs).toBe('J9999');
    expect(recalcs()).toBe(1);
    // The functions now know the house drug.
    expect(hcpcsCode([['zz-house-drug']])).toEqual([['J9999']]);
  });
});
