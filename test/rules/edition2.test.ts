/**
 * Golden tests of RULES.md edition 2 through the public API (codeRows), for cases written from the rules
 * themselves: every new classification step, bags and the same drug again, mixtures, split doses, flushes,
 * missing times with a computed stop, two encounters on one date, and each option both ways.
 * Findings are asserted by id and parameters, never by their sentence.
 *
 * The catalog is the built-in edition-2 catalog (drugs-2026.csv) plus one class C biologic on the not-complex list.
 */
import { codeRows, DrugCatalog, NotComplexList } from '../../src/rules';
import { drugEntry } from '../../src/rules/catalog/catalog';
import type { CodingOptionsInput, DrugEntry, Finding, InputRow } from '../../src/rules';

type Values = Record<string, string | number | Date | null | undefined>;

function entry(p: Partial<DrugEntry> & Pick<DrugEntry, 'name' | 'hcpcs' | 'drugClass'>): DrugEntry {
  return drugEntry({ unitAmount: 1, unitUom: 'mg', unitKind: 'per', ...p });
}

/** A class C biologic on the not-complex list (by its code): the built-in catalog has none. */
const TEST_BIOLOGIC = entry({ name: 'test biologic', hcpcs: 'J2357', drugClass: 'C', unitAmount: 5 });
const catalog = DrugCatalog.builtIn().withEntries([TEST_BIOLOGIC]);

const base = { encounter: 'E1', patient: 'MRN1', date: '2026-03-02', diagnosis: 'N39.0', necessity: 'documented need', site: 'L forearm' };

function run(lines: Values[], options?: CodingOptionsInput) {
  const rows: InputRow[] = lines.map((l, i) => ({ row: i + 2, values: { ...base, ...l } }));
  return codeRows(rows, options, { catalog });
}
const show = (c: { code: string; modifiers: string[]; units: number }) => `${c.code}${c.modifiers.length ? '-' + c.modifiers.join('-') : ''} x${c.units}`;
const cpt = (lines: Values[], options?: CodingOptionsInput) => run(lines, options).encounters[0].cpt.map(show);
const hcpcs = (lines: Values[], options?: CodingOptionsInput) => run(lines, options).encounters[0].hcpcs.map(show);
const findings = (lines: Values[], options?: CodingOptionsInput): Finding[] => run(lines, options).rows.flatMap((r) => r.findings);
const ids = (lines: Values[], options?: CodingOptionsInput) => [...new Set(findings(lines, options).map((f) => f.id))].sort();

const vanc = (start: string | null, stop: string | null, extra: Values = {}): Values => ({ drug: 'vancomycin', dose: '1 g', route: 'IV infusion', start, stop, ...extra });
const inj = (drug: string, start: string, extra: Values = {}): Values => ({ drug, dose: '250 mg', route: 'IM', start, ...extra });

describe('3.3 injections by class and purpose', () => {
  it('a non-hormonal anti-neoplastic by SQ is 96401, a plain drug 96372', () => {
    expect(cpt([{ drug: 'methotrexate', dose: '25 mg', route: 'SQ', start: '10:00', diagnosis: 'M06.9' }])).toEqual(['96401 x1']);
    expect(cpt([{ drug: 'B12', dose: '1000 mcg', route: 'IM', start: '10:00' }])).toEqual(['96372 x1']);
  });
  it('a hormonal anti-neoplastic is 96402 for cancer (diagnosis or purpose), else 96372', () => {
    expect(cpt([inj('fulvestrant', '10:00', { diagnosis: 'C50.911' })])).toEqual(['96402 x1']);
    expect(cpt([inj('fulvestrant', '10:00', { diagnosis: '', purpose: 'chemotherapy' })])).toEqual(['96402 x1']);
    expect(cpt([inj('fulvestrant', '10:00', { diagnosis: 'E28.2', purpose: 'therapeutic' })])).toEqual(['96372 x1']);
  });
  it('a hormonal drug with no purpose and no diagnosis is 96372 with injection-purpose-unknown', () => {
    const lines = [inj('fulvestrant', '10:00', { diagnosis: '' })];
    expect(cpt(lines)).toEqual(['96372 x1']);
    expect(findings(lines).find((f) => f.id === 'injection-purpose-unknown')).toMatchObject({ field: 'purpose', params: { drug: 'fulvestrant', code: '96372' } });
  });
  it('an indication-dependent name picks its catalog entry by purpose: leuprolide J9217 for cancer, J1950 otherwise', () => {
    const cancer = [{ drug: 'Lupron Depot', dose: '7.5 mg', route: 'IM', start: '10:00', diagnosis: 'C61' }];
    expect(cpt(cancer)).toEqual(['96402 x1']);
    expect(hcpcs(cancer)).toEqual(['J9217 x1']);
    const other = [{ drug: 'Lupron Depot', dose: '3.75 mg', route: 'IM', start: '10:00', diagnosis: 'N80.0' }];
    expect(cpt(other)).toEqual(['96372 x1']);
    expect(hcpcs(other)).toEqual(['J1950 x1']);
    const unknown = [{ drug: 'Lupron', dose: '3.75 mg', route: 'IM', start: '10:00', diagnosis: '' }];
    expect(cpt(unknown)).toEqual(['96372 x1']);
    expect(ids(unknown)).toContain('injection-purpose-unknown');
  });
  it('a class C drug on the not-complex list is 96372; option cpt-class-only ignores the list', () => {
    const lines = [{ drug: 'test biologic', dose: '150 mg', route: 'SQ', start: '10:00' }];
    expect(cpt(lines)).toEqual(['96372 x1']);
    expect(cpt(lines, { complexInjections: 'cpt-class-only' })).toEqual(['96401 x1']);
  });
  it('the not-complex list is a table the caller can replace', () => {
    const lines: InputRow[] = [{ row: 2, values: { ...base, drug: 'test biologic', dose: '150 mg', route: 'SQ', start: '10:00' } }];
    expect(codeRows(lines, {}, { catalog, notComplex: new NotComplexList([]) }).encounters[0].cpt.map(show)).toEqual(['96401 x1']);
  });
  it('injections stand outside the IV hierarchy', () => {
    expect(cpt([vanc('09:00', '10:00'), { drug: 'methotrexate', dose: '25 mg', route: 'SQ', start: '10:05' }])).toEqual(['96365 x1', '96401 x1']);
  });
});

describe('5.4 one dose in two syringes', () => {
  it('two syringes of one drug 15 min apart are one injection with split-dose; 16 min apart are two', () => {
    const two = [inj('fulvestrant', '10:00', { diagnosis: 'C50.911' }), inj('fulvestrant', '10:15', { diagnosis: 'C50.911' })];
    expect(cpt(two)).toEqual(['96402 x1']);
    expect(findings(two).filter((f) => f.id === 'split-dose').map((f) => f.params)).toEqual([
      { drug: 'fulvestrant', syringes: 2, time: '10:00', code: '96402' },
      { drug: 'fulvestrant', syringes: 2, time: '10:00', code: '96402' },
    ]);
    expect(cpt([inj('fulvestrant', '10:00', { diagnosis: 'C50.911' }), inj('fulvestrant', '10:16', { diagnosis: 'C50.911' })])).toEqual(['96402 x2']);
  });
  it('option per-syringe codes each syringe; different drugs are always separate injections', () => {
    const two = [inj('fulvestrant', '10:00', { diagnosis: 'C50.911' }), inj('fulvestrant', '10:05', { diagnosis: 'C50.911' })];
    expect(cpt(two, { splitDose: 'per-syringe' })).toEqual(['96402 x2']);
    expect(cpt([inj('B12', '10:00', { dose: '1000 mcg' }), inj('ceftriaxone', '10:01', { dose: '1 g' })])).toEqual(['96372 x2']);
  });
  it('the same order id makes one dose even at different times', () => {
    expect(cpt([inj('B12', '10:00', { dose: '500 mcg', order: 'O1' }), inj('B12', '10:40', { dose: '500 mcg', order: 'O1' })])).toEqual(['96372 x1']);
  });
});

describe('3.4 on-body injector', () => {
  it('is 96377 per application, never 96372 for the same drug', () => {
    expect(cpt([{ drug: 'Neulasta Onpro', dose: '6 mg', route: 'SQ', start: '15:00' }])).toEqual(['96377 x1']);
    expect(cpt([{ drug: 'pegfilgrastim', dose: '6 mg', route: 'on-body injector', start: '15:00' }])).toEqual(['96377 x1']);
    expect(cpt([{ drug: 'pegfilgrastim', dose: '6 mg', route: 'SQ', start: '15:00' }])).toEqual(['96372 x1']);
  });
});

describe('3.5 SQ infusion', () => {
  const scig = (start: string, stop: string | null, extra: Values = {}): Values => ({ drug: 'Hizentra', dose: '10 g', route: 'SQ infusion', start, stop, ...extra });
  it('15 minutes or less is 96372 with short-sc-infusion; 16 is 96369', () => {
    const short = [scig('10:00', '10:15')];
    expect(cpt(short)).toEqual(['96372 x1']);
    expect(findings(short).find((f) => f.id === 'short-sc-infusion')?.params).toEqual({ minutes: 15, code: '96372' });
    expect(cpt([scig('10:00', '10:16')])).toEqual(['96369 x1']);
  });
  it('extra hours follow the >30 minute rule (90/91, 150/151)', () => {
    expect(cpt([scig('10:00', '11:30')])).toEqual(['96369 x1']);
    expect(cpt([scig('10:00', '11:31')])).toEqual(['96369 x1', '96370 x1']);
    expect(cpt([scig('10:00', '12:30')])).toEqual(['96369 x1', '96370 x1']);
    expect(cpt([scig('10:00', '12:31')])).toEqual(['96369 x1', '96370 x2']);
  });
  it('a second pump set-up is 96371; another site from the same set-up is not', () => {
    expect(cpt([scig('10:00', '11:00'), scig('11:30', '12:00', { site: 'R abdomen' })])).toEqual(['96369 x1', '96371 x1']);
    expect(cpt([scig('10:00', '11:00'), scig('10:00', '11:00', { site: 'R abdomen' })])).toEqual(['96369 x1']);
  });
  it('stays outside the IV hierarchy', () => {
    expect(cpt([vanc('08:00', '09:00'), scig('10:00', '11:00')])).toEqual(['96365 x1', '96369 x1']);
  });
});

describe('3.6 intra-arterial', () => {
  const ia = (start: string, stop: string | null, extra: Values = {}): Values => ({ drug: 'fluorouracil', dose: '1000 mg', route: 'intra-arterial', start, stop, ...extra });
  it('a non-complex drug is 96373 per injection', () => {
    expect(cpt([{ drug: 'heparin', dose: '5000 units', route: 'intra-arterial', start: '10:00' }])).toEqual(['96373 x1']);
  });
  it('a complex drug: 96420 push (15 min), 96422 from 16 min, 96423 past 90 min, 96425 over 8 hours with a pump', () => {
    expect(cpt([ia('10:00', '10:15')])).toEqual(['96420 x1']);
    expect(cpt([ia('10:00', '10:16')])).toEqual(['96422 x1']);
    expect(cpt([ia('10:00', '11:30')])).toEqual(['96422 x1']);
    expect(cpt([ia('10:00', '11:31')])).toEqual(['96422 x1', '96423 x1']);
    expect(cpt([ia('08:00', '16:01', { route: 'intra-arterial pump' })])).toEqual(['96425 x1']);
  });
});

describe('3.7 intracavitary', () => {
  it('one code per cavity per session, not time-based', () => {
    const pleural = { drug: 'cisplatin', dose: '50 mg', route: 'intrapleural', start: '10:00' };
    expect(cpt([pleural, { ...pleural, drug: 'fluorouracil', dose: '500 mg', start: '10:30' }])).toEqual(['96440 x1']);
    expect(cpt([{ ...pleural, route: 'intraperitoneal' }])).toEqual(['96446 x1']);
    expect(cpt([{ drug: 'methotrexate', dose: '12 mg', route: 'intrathecal', start: '10:00' }])).toEqual(['96450 x1']);
    expect(cpt([{ drug: 'methotrexate', dose: '12 mg', route: 'Ommaya reservoir', start: '10:00' }])).toEqual(['96542 x1']);
  });
  it('a non-complex drug by these routes fits no code: unlisted-service', () => {
    const lines = [{ drug: 'ondansetron', dose: '4 mg', route: 'intrathecal', start: '10:00' }];
    expect(cpt(lines)).toEqual([]);
    expect(ids(lines)).toContain('unlisted-service');
  });
});

describe('3.8 pumps and refills', () => {
  const pump = (start: string, stop: string | null, extra: Values = {}): Values => ({ drug: 'fluorouracil', dose: '2400 mg', route: 'ambulatory pump', start, stop, ...extra });
  it.each([
    [{ drug: 'fluorouracil', dose: '', route: 'pump disconnect', purpose: 'chemotherapy', start: '11:00', site: 'port' }],
    [{ drug: '5-FU pump disconnect', dose: '', route: 'pump', purpose: 'chemotherapy', start: '11:00', site: 'port' }],
    [{ drug: 'fluorouracil', dose: '', route: 'CADD pump d/c', purpose: 'chemotherapy', start: '11:00', site: 'port' }],
  ])('a pump disconnect is not coded, and bills no drug (%#)', (line) => {
    expect(cpt([line])).toEqual([]);
    expect(hcpcs([line])).toEqual([]);
    expect(run([line]).rows[0].explanation).toMatch(/pump disconnect is not coded/);
  });
  it('a pump started with its dose and a note of when it comes off is the pump, not a disconnect', () => {
    expect(cpt([pump('12:00', null, { drug: 'fluorouracil, pump d/c in 46 h', purpose: 'chemotherapy' })])).toEqual(['96416 x1']);
    expect(cpt([pump('12:00', null, { route: 'Ambulatory pump, d/c in 46 h', purpose: 'chemotherapy' })])).toEqual(['96416 x1']);
  });
  it('routes that mention a de-access or a pump coming off still code what they document', () => {
    expect(cpt([{ drug: 'ondansetron', dose: '4 mg', route: 'Port, deaccess after', start: '10:00', stop: '10:02' }])).toEqual(['96374 x1']);
    expect(cpt([{ drug: 'heparin lock flush', dose: '500 units', route: 'port flush, deaccess', start: '10:00' }])).toEqual(['96523 x1']);
    expect(hcpcs([{ drug: 'heparin', dose: '500 units', route: 'port de-access', start: '10:00' }])).toEqual(['J1642 x50']); // the lock flush
    // A route that says only that the pump came off is the disconnect, whatever dose the row repeats.
    for (const route of ['pump disconnect', 'CADD pump removed', 'IV disconnect']) expect(cpt([pump('12:00', null, { route, purpose: 'chemotherapy' })])).toEqual([]);
    expect(cpt([{ drug: 'normal saline', dose: '1000 mL', route: 'IV infusion, pump off at 12:00', purpose: 'hydration', start: '10:00', stop: '12:00' }])).toEqual(['96360 x1', '96361 x1']);
  });
  it('a complex drug started on a pump for more than 8 hours is 96416 (no hours); 8 hours exactly is an ordinary infusion', () => {
    expect(cpt([pump('12:00', null)])).toEqual(['96416 x1']);
    expect(cpt([pump('08:00', '16:01')])).toEqual(['96416 x1']);
    expect(cpt([pump('08:00', '16:00')])).toEqual(['96413 x1', '96415 x7']);
  });
  it('option g0498Payers: those payers take G0498 instead', () => {
    expect(cpt([pump('12:00', null, { payer: 'Medicare' })], { g0498Payers: ['Medicare'] })).toEqual(['G0498 x1']);
    expect(cpt([pump('12:00', null, { payer: 'Aetna' })], { g0498Payers: ['Medicare'] })).toEqual(['96416 x1']);
  });
  it('a refill is 96521 (portable) or 96522 (implantable); on a chemotherapy date it is bundled', () => {
    expect(cpt([{ drug: '', route: 'pump refill', start: '10:00' }])).toEqual(['96521 x1']);
    expect(cpt([{ drug: '', route: 'implanted pump refill', start: '10:00' }])).toEqual(['96522 x1']);
    // A portable pump refilled through a chest port is still portable; a port site alone says nothing of the pump.
    expect(cpt([{ drug: 'morphine', dose: '200 mg', route: 'portable pump refill', site: 'R chest port', start: '10:00' }])).toEqual(['96521 x1']);
    expect(cpt([{ drug: 'morphine', dose: '200 mg', route: 'Ambulatory Pump Refill', site: 'port', start: '10:00' }])).toEqual(['96521 x1']);
    expect(cpt([{ drug: 'morphine', dose: '200 mg', route: 'pump refill', site: 'implanted pump', start: '10:00' }])).toEqual(['96522 x1']);
    const withChemo: Values[] = [{ drug: 'cisplatin', dose: '50 mg', route: 'IV infusion', start: '09:00', stop: '10:00' }, { drug: '', route: 'pump refill', start: '10:30' }];
    expect(cpt(withChemo)).toEqual(['96413 x1']);
    expect(findings(withChemo).find((f) => f.id === 'pump-refill-bundled')?.params).toEqual({ date: '2026-03-02', code: '96413' });
  });
});

describe('5.5 flushes and port irrigation', () => {
  const portFlush = { drug: 'heparin lock flush', dose: '500 units', route: 'port flush', start: '10:00' };
  it('a port irrigation alone on its date is 96523, and the flush product is listed (irrigation-only)', () => {
    expect(cpt([portFlush])).toEqual(['96523 x1']);
    expect(hcpcs([portFlush])).toEqual(['J1642 x50']);
    expect(hcpcs([portFlush], { listFlushDrugs: 'never' })).toEqual([]);
  });
  it('heparin or saline used to flush is listed as its flush product (J1642, A4216), never therapeutic heparin or a bag', () => {
    expect(hcpcs([{ drug: 'heparin', dose: '500 units', route: 'IV push', purpose: 'flush', site: 'port', start: '10:00' }])).toEqual(['J1642 x50']);
    expect(hcpcs([{ drug: 'normal saline', dose: '20 mL', route: 'irrigation', site: 'implanted port', start: '10:00' }])).toEqual(['A4216 x2']);
    expect(hcpcs([{ drug: 'heparin', dose: '5000 units', route: 'SQ', start: '10:00' }])).toEqual(['J1644 x5']); // therapeutic
    const inSaline = [{ drug: 'alteplase 2 mg in NS', dose: '2 mg', route: 'port irrigation', start: '10:00' }];
    expect(hcpcs(inSaline)).not.toContain('A4216 x1');
    expect(ids(inSaline)).not.toContain('dose-unit-mismatch');
  });
  it('beside another administration the irrigation and its product are bundled (flush-bundled)', () => {
    const lines = [vanc('08:00', '09:00'), { ...portFlush, start: '09:05' }];
    expect(cpt(lines)).toEqual(['96365 x1']);
    expect(hcpcs(lines)).toEqual(['J3370 x2']);
    expect(findings(lines).filter((f) => f.id === 'flush-bundled').map((f) => f.params.variant)).toEqual(['irrigation']);
    expect(hcpcs(lines, { listFlushDrugs: 'always' }).sort()).toEqual(['J1642 x50', 'J3370 x2']);
  });
  it('a saline flush of a peripheral line earns no code and no product line', () => {
    const lines = [vanc('08:00', '09:00'), { drug: 'NS flush', dose: '10 mL', purpose: 'flush', start: '09:00' }];
    expect(cpt(lines)).toEqual(['96365 x1']);
    expect(hcpcs(lines)).toEqual(['J3370 x2']);
  });
  it('therapeutic heparin is a drug coded by its route', () => {
    expect(cpt([{ drug: 'heparin', dose: '5000 units', route: 'SQ', start: '10:00' }])).toEqual(['96372 x1']);
  });
});

describe('3.12 unlisted services', () => {
  it('a route that fits no code is never coded: unlisted-service', () => {
    const lines = [{ drug: 'cisplatin', dose: '50 mg', route: 'intravesical', start: '10:00' }];
    expect(cpt(lines)).toEqual([]);
    expect(findings(lines).find((f) => f.id === 'unlisted-service')).toMatchObject({ severity: 'warning', field: 'route', params: { code: '96549' } });
  });
  it.each(['inhalation', 'Inhalational', 'nebulization', 'buccal', 'via NG tube', 'intravaginal'])('%s has no administration code (never an IV infusion)', (route) => {
    const lines = [{ drug: 'ondansetron', dose: '4 mg', route, start: '09:00', stop: '10:00' }];
    expect(cpt(lines)).toEqual([]);
    expect(ids(lines)).toContain('route-not-coded');
  });
  it.each(['intrauterine', 'intratumoral'])('%s fits no code: unlisted-service, never an IV infusion', (route) => {
    const lines = [{ drug: 'ondansetron', dose: '4 mg', route, start: '09:00', stop: '10:00' }];
    expect(cpt(lines)).toEqual([]);
    expect(ids(lines)).toContain('unlisted-service');
  });
});

describe('3.11 missing times', () => {
  it('no start and no stop: no administration code, both findings, the drug line still listed (option push)', () => {
    const lines = [vanc(null, null)];
    expect(cpt(lines)).toEqual([]);
    expect(hcpcs(lines)).toEqual(['J3370 x2']);
    expect(ids(lines)).toEqual(['missing-start-time', 'missing-stop-time']);
    expect(cpt(lines, { noTimesInfusion: 'push' })).toEqual(['96374 x1']);
  });
  it('a bare IV route with a start and no stop is an infusion missing its stop, not silently a push', () => {
    const lines = [{ ...vanc('10:00', null), route: 'IV' }];
    expect(cpt(lines)).toEqual(['96374 x1']);
    expect(ids(lines)).toEqual(['missing-stop-time']);
  });
  it('a stop computed from volume and rate is used, and missing-stop-time says so', () => {
    const lines = [{ drug: 'normal saline', volume: '1000 mL', rate: '125 mL/hr', route: 'IV infusion', purpose: 'hydration', start: '08:00', stop: null }];
    expect(cpt(lines)).toEqual(['96360 x1', '96361 x7']);
    const f = findings(lines).find((x) => x.id === 'missing-stop-time');
    expect(f).toMatchObject({ severity: 'error', field: 'stop', params: { variant: 'computed', stop: '16:00', volume: 1000, minutes: 480 } });
    expect(run(lines).rows[0].explanation).toMatch(/computed/);
    expect(cpt(lines, { computeStopFromRate: false })).toEqual([]);
  });
  it('a drug rate (mg/min) with a dose gives the running time too', () => {
    expect(cpt([{ drug: 'vancomycin', dose: '1000 mg', rate: '20 mg/min', route: 'IV infusion', start: '08:00' }])).toEqual(['96365 x1']);
    expect(cpt([{ drug: 'vancomycin', dose: '1000 mg', rate: '100 mg/min', route: 'IV infusion', start: '08:00' }])).toEqual(['96374 x1']);
  });
  it('an unreadable rate is a finding on the rate column', () => {
    const f = findings([{ ...vanc('08:00', null), rate: 'fast' }]).find((x) => x.id === 'unparseable-rate');
    expect(f).toMatchObject({ field: 'rate', column: 'rate', params: { rate: 'fast' } });
  });
});

describe('2 and 5.4 mixtures', () => {
  it('several drugs in one cell are one administration, each drug with its own HCPCS line', () => {
    const lines = [{ drug: 'dexamethasone 10 mg + ondansetron 8 mg in 50 mL NS', route: 'IV infusion', start: '09:00', stop: '09:20' }];
    expect(cpt(lines)).toEqual(['96365 x1']);
    expect(hcpcs(lines).sort()).toEqual(['J1100 x10', 'J2405 x8']);
  });
  it('a dose cell split like the drug cell gives each drug its dose; `;` and ` and ` separate too', () => {
    expect(hcpcs([{ drug: 'dexamethasone; ondansetron', dose: '4 mg; 8 mg', route: 'IV push', start: '09:00' }]).sort()).toEqual(['J1100 x4', 'J2405 x8']);
    expect(cpt([{ drug: 'dexamethasone and ondansetron', dose: '4 mg and 8 mg', route: 'IV push', start: '09:00' }])).toEqual(['96374 x1']);
  });
  it('rows sharing an order/bag value with the same start and stop are one infusion (no 96368)', () => {
    const lines = [vanc('09:00', '10:00', { order: 'BAG1' }), { drug: 'ondansetron', dose: '8 mg', route: 'IV infusion', start: '09:00', stop: '10:00', order: 'BAG1' }];
    expect(cpt(lines)).toEqual(['96365 x1']);
    expect(run(lines).encounters[0].cpt[0].rows).toEqual([2, 3]);
    expect(hcpcs(lines).sort()).toEqual(['J2405 x8', 'J3370 x2']);
  });
  it('a fluid name with "and" stays one fluid', () => {
    expect(hcpcs([{ drug: 'dextrose 5% and 0.9% sodium chloride', dose: '1000 mL', route: 'IV infusion', purpose: 'hydration', start: '08:00', stop: '09:00' }])).toEqual(['J7042 x2']);
  });
});

describe('5.3 paused, restarted and new bags', () => {
  it('a restarted bag (no dose of its own) is one administration: segments add, paused minutes do not', () => {
    const lines = [vanc('09:00', '10:00'), vanc('10:30', '11:05', { dose: null })];
    expect(cpt(lines)).toEqual(['96365 x1', '96366 x1']);
    expect(run(lines).rows[0].explanation).toMatch(/segments of one bag joined/);
    expect(run(lines).rows[1].explanation).toMatch(/Counted in 96365 on row 2/);
    // Its drug is billed on the row that hung the bag: the restarted row has no dose to miss.
    expect(run(lines).rows[1].findings.map((f) => f.id)).not.toContain('missing-dose');
    expect(hcpcs(lines)).toEqual(['J3370 x2']);
  });
  it('the same bag value joins segments even with a dose on each row', () => {
    expect(cpt([vanc('09:00', '10:00', { order: 'B1' }), vanc('10:30', '11:05', { order: 'B1' })])).toEqual(['96365 x1', '96366 x1']);
  });
  it('a new bag earns the additional-hour code by its own minutes: 30 nothing, 31 one unit, never 96367', () => {
    const thirty = [vanc('09:00', '10:00'), vanc('11:00', '11:30')];
    expect(cpt(thirty)).toEqual(['96365 x1']);
    expect(findings(thirty).find((f) => f.id === 'below-threshold')?.params).toMatchObject({ variant: 'repeat-bag', minutes: 30, code: '96366' });
    expect(cpt([vanc('09:00', '10:00'), vanc('11:00', '11:31')])).toEqual(['96365 x1', '96366 x1']);
    expect(cpt([vanc('09:00', '10:00'), vanc('11:00', '12:31')])).toEqual(['96365 x1', '96366 x2']);
  });
  it('a new bag of a complex drug takes 96415', () => {
    const chemo = (start: string, stop: string): Values => ({ drug: 'cisplatin', dose: '50 mg', route: 'IV infusion', start, stop });
    expect(cpt([chemo('09:00', '10:00'), chemo('11:00', '11:45')])).toEqual(['96413 x1', '96415 x1']);
  });
  it('option repeatInfusion: sum adds the minutes to the first bag; push-code gives 96376 per bag (facility)', () => {
    const lines = [vanc('09:00', '10:20'), vanc('11:00', '11:20')];
    expect(cpt(lines)).toEqual(['96365 x1']);
    expect(cpt(lines, { repeatInfusion: 'sum' })).toEqual(['96365 x1', '96366 x1']);
    expect(cpt(lines, { repeatInfusion: 'push-code' })).toEqual(['96365 x1', '96376 x1']);
    expect(cpt(lines.map((l) => ({ ...l, setting: 'office' })), { repeatInfusion: 'push-code' })).toEqual(['96365 x1']);
  });
});

describe('5.3 repeat push, whichever came first', () => {
  const push = (drug: string, start: string, extra: Values = {}): Values => ({ drug, dose: '4 mg', route: 'IV push', start, ...extra });
  it('a push before the same drug is infused is 96376 when more than 30 minutes separate them', () => {
    const ondansetronInfusion = { drug: 'ondansetron', dose: '8 mg', route: 'IV infusion', start: '09:00', stop: '09:30' };
    expect(cpt([push('ondansetron', '08:29'), ondansetronInfusion])).toEqual(['96365 x1', '96376 x1']);
    expect(cpt([push('ondansetron', '08:30'), ondansetronInfusion])).toEqual(['96365 x1']);
    expect(cpt([push('ondansetron', '08:29', { setting: 'office' }), { ...ondansetronInfusion, setting: 'office' }])).toEqual(['96365 x1']);
  });
  it('a complex drug pushed again more than 30 minutes after its infusion is 96376 too (RULES.md 5.3 makes no exception)', () => {
    const chemo = { purpose: 'chemotherapy', diagnosis: 'C18.9' };
    const infusion = { drug: 'fluorouracil', dose: '500 mg', route: 'IV infusion', start: '09:00', stop: '10:00', ...chemo };
    expect(cpt([infusion, push('fluorouracil', '11:00', { dose: '400 mg', ...chemo })])).toEqual(['96413 x1', '96376 x1']);
    expect(cpt([infusion, push('fluorouracil', '10:20', { dose: '400 mg', ...chemo })])).toEqual(['96413 x1']);
  });
});

describe('5.3 concurrent complex drugs', () => {
  it('a complex drug fully beside another complex drug earns no 96368: concurrent-complex-drug', () => {
    const lines = [
      { drug: 'rituximab', dose: '500 mg', route: 'IV infusion', start: '09:00', stop: '11:00' },
      { drug: 'cisplatin', dose: '50 mg', route: 'IV infusion', start: '09:30', stop: '10:30' },
    ];
    expect(cpt(lines)).toEqual(['96413 x1', '96415 x1']);
    expect(findings(lines).find((f) => f.id === 'concurrent-complex-drug')).toMatchObject({ severity: 'info', params: { drug: 'cisplatin', other: 'rituximab', minutes: 60 } });
  });
  it('a non-complex drug beside a complex drug is still 96368', () => {
    const lines = [
      { drug: 'rituximab', dose: '500 mg', route: 'IV infusion', start: '09:00', stop: '11:00' },
      { drug: 'ondansetron', dose: '8 mg', route: 'IV infusion', start: '09:30', stop: '10:30', order: 'other' },
    ];
    expect(cpt(lines)).toEqual(['96413 x1', '96415 x1', '96368 x1']);
  });
});

describe('4 two encounters of one patient on one date', () => {
  it("the later encounter's initial code takes 59 (option XE)", () => {
    const lines = [vanc('08:00', '09:00'), { ...vanc('14:00', '15:00'), encounter: 'E2' }];
    const result = run(lines);
    expect(result.encounters.map((e) => e.cpt.map(show))).toEqual([['96365 x1'], ['96365-59 x1']]);
    expect(run(lines, { separateEncounterModifier: 'XE' }).encounters[1].cpt.map(show)).toEqual(['96365-XE x1']);
  });
  it('the later one is decided by time, not by row order; another patient or date is not affected', () => {
    const lines = [{ ...vanc('14:00', '15:00'), encounter: 'E2' }, vanc('08:00', '09:00')];
    expect(run(lines).encounters.map((e) => e.cpt.map(show))).toEqual([['96365-59 x1'], ['96365 x1']]);
    const other = [vanc('08:00', '09:00'), { ...vanc('14:00', '15:00'), encounter: 'E2', patient: 'MRN2' }];
    expect(run(other).encounters.map((e) => e.cpt.map(show))).toEqual([['96365 x1'], ['96365 x1']]);
  });
  it.each([
    ['hydration under 31 minutes', { drug: 'normal saline', dose: '1000 mL', route: 'IV infusion', purpose: 'hydration', start: '08:00', stop: '08:20' }],
    ['an injection alone', { drug: 'cyanocobalamin', dose: '1000 mcg', route: 'IM', start: '08:00' }],
    ['a port irrigation alone', { drug: 'heparin flush', dose: '500 units', route: 'port flush', site: 'port', purpose: 'flush', start: '08:00' }],
  ])('no 59 when the earlier encounter coded no initial service (%s): the later one is the first initial', (_name, earlier) => {
    const lines = [earlier, { ...vanc('14:00', '15:00'), encounter: 'E2' }];
    expect(run(lines).encounters[1].cpt.map(show)).toEqual(['96365 x1']);
    expect(run(lines).rows[1].cpt.map(show)).toEqual(['96365 x1']);
  });
  it('of three encounters that day, the third takes 59 after an initial in the second', () => {
    const lines = [
      { drug: 'cyanocobalamin', dose: '1000 mcg', route: 'IM', start: '08:00' },
      { ...vanc('11:00', '12:00'), encounter: 'E2' },
      { ...vanc('14:00', '15:00'), encounter: 'E3' },
    ];
    expect(run(lines).encounters.map((e) => e.cpt.map(show))).toEqual([['96372 x1'], ['96365 x1'], ['96365-59 x1']]);
  });
});

describe('RULES.md 5.3 and 6.3: bags found by the hand-coded audit of 2026-12-03', () => {
  it('a new bag of a drug already infused earns its hours on another site or a blank one, unless it ran beside the first', () => {
    for (const site of ['R hand', '']) {
      // The first bag (20 min) is the initial; the new bag's 100 min are 96366 x2 (floor(100/60) + (40 > 30)).
      expect(cpt([vanc('08:00', '08:20'), vanc('14:00', '15:40', { site })])).toEqual(['96365 x1', '96366 x2']);
    }
    // At the same time on a second access: that access's own initial, as before.
    expect(cpt([vanc('08:00', '09:00'), vanc('08:10', '09:00', { site: 'R hand' })])[0]).toBe('96365 x1');
  });

  it('a paused bag whose restart repeats its dose (same order, or a pause noted) bills the dose once; a q12h dose of one order twice', () => {
    const ivig = (start: string, stop: string, extra: Values = {}): Values => ({ drug: 'Privigen', dose: '30 g', route: 'IV infusion', start, stop, ...extra });
    expect(hcpcs([ivig('09:00', '10:00', { order: 'O1' }), ivig('10:30', '11:15', { order: 'O1' })])).toEqual(['J1459 x60']);
    expect(hcpcs([ivig('09:00', '10:00'), ivig('10:30', '11:15', { necessity: 'paused for chills, restarted' })])).toEqual(['J1459 x60']);
    expect(hcpcs([vanc('08:00', '09:00', { order: 'O2' }), vanc('20:00', '21:00', { order: 'O2' })])).toEqual(['J3370 x4']); // 1 g twice
  });

  it('a solution named first with + is the bag its drugs were mixed in, and the bag is billed as the solution it is', () => {
    const bag = (drug: string, dose: string | null = null): Values => ({ drug, dose, route: 'IV infusion', purpose: 'therapeutic', start: '09:00', stop: '11:00' });
    expect(cpt([bag('normal saline 1000 mL + potassium chloride 20 mEq')])).toEqual(['96365 x1', '96366 x1']);
    expect(hcpcs([bag('normal saline 1000 mL + potassium chloride 20 mEq')])).toEqual(['J3480 x10', 'J7030 x1']);
    expect(hcpcs([bag('NS + KCl', '1000 mL + 20 mEq')])).toEqual(['J3480 x10', 'J7030 x1']);
    expect(hcpcs([bag('D5W 500 mL + magnesium sulfate 2 g')])).toEqual(['J3475 x4', 'J7060 x1']);
    expect(hcpcs([bag('potassium chloride 20 mEq in lactated ringers 1000 mL')])).toEqual(['J3480 x10', 'J7120 x1']);
    // A small diluent is never a drug of the mixture, first or last.
    for (const drug of ['normal saline 100 mL + dexamethasone 10 mg + ondansetron 8 mg', 'dexamethasone 10 mg + ondansetron 8 mg + normal saline 100 mL']) {
      expect(hcpcs([bag(drug)])).toEqual(['J1100 x10', 'J2405 x8']);
      expect(ids([bag(drug)])).not.toContain('unknown-drug');
    }
  });
});

describe('setting values of EHR exports', () => {
  it('reads OP, Outpt, O/P and a recurring series as the hospital outpatient department', () => {
    for (const setting of ['OP', 'Outpt', 'O/P', 'Recurring', 'Series', 'Hospital Outpatient']) {
      const result = run([{ ...vanc('09:00', '09:31'), setting }]);
      expect([setting, result.encounters[0].setting, ids([{ ...vanc('09:00', '09:31'), setting }]).includes('unknown-setting')]).toEqual([setting, 'facility', false]);
    }
  });
});

describe('RULES.md 5.3, 5.5, 3.8 and 5.2: the second hand-coded audit of 2026-12-03', () => {
  const mix = (start: string, stop: string | null): Values => ({ drug: 'dexamethasone 12 mg + ondansetron 8 mg in 50 mL NS', route: 'IV infusion', start, stop });
  const ondansetron = (start: string): Values => ({ drug: 'ondansetron', dose: '4 mg', route: 'IV push', start });

  it("a drug of a mixture given again on its own is the same drug again, before or after the mixture", () => {
    expect(cpt([mix('09:00', '09:20'), ondansetron('11:20')])).toEqual(['96365 x1', '96376 x1']);
    expect(cpt([ondansetron('07:00'), mix('09:00', '09:20')])).toEqual(['96365 x1', '96376 x1']);
    expect(cpt([mix('09:00', '09:10'), ondansetron('09:30')])).toEqual(['96374 x1']); // within 30 min: part of it
    const mg = { drug: 'magnesium sulfate', dose: '2 g', route: 'IV infusion', start: '14:00', stop: '15:00' };
    expect(cpt([{ drug: 'potassium chloride 20 mEq + magnesium sulfate 2 g in 250 mL NS', route: 'IV infusion', start: '09:00', stop: '10:00' }, mg])).toEqual(['96365 x1', '96366 x1']);
  });

  it('a code summed over two dates counts on each: a port irrigation on the second is bundled, a refill on a chemo date too', () => {
    const ns = (date: string, start: string, stop: string): Values => ({ drug: 'normal saline', dose: '1000 mL', route: 'IV infusion', purpose: 'hydration', date, start, stop });
    const lines = [
      { ...vanc('10:00', '10:30'), date: '2026-03-02' },
      ns('2026-03-02', '10:30', '11:30'),
      ns('2026-03-03', '09:00', '10:00'),
      { drug: 'heparin lock flush', dose: '500 units', route: 'port flush', date: '2026-03-03', start: '10:05', site: 'port' },
    ];
    expect(cpt(lines)).toEqual(['96365 x1', '96361 x2']);
    expect(ids(lines)).toContain('flush-bundled');
  });

  it('an intra-arterial push needs only its start', () => {
    const push = { drug: 'mitomycin', dose: '10 mg', route: 'intra-arterial push', purpose: 'chemotherapy', start: '10:00', diagnosis: 'C22.0' };
    expect(cpt([push])).toEqual(['96420 x1']);
    expect(ids([push])).not.toContain('missing-stop-time');
  });
});

describe('office: a primary mark outside the IV hierarchy', () => {
  it('an injection marked primary: the IV lines follow the hierarchy without saying no line was marked', () => {
    const lines = [
      { drug: 'ceftriaxone', dose: '1 g', route: 'IM', start: '09:00', primary: 'Y', setting: 'office' },
      { drug: 'ondansetron', dose: '4 mg', route: 'IV push', start: '09:10', setting: 'office' },
      { drug: 'normal saline', dose: '1000 mL', route: 'IV infusion', purpose: 'hydration', start: '09:15', stop: '10:00', setting: 'office' },
    ];
    expect(ids(lines)).not.toContain('no-primary-marked');
    expect(ids(lines.map((l) => ({ ...l, primary: '' })))).toContain('no-primary-marked');
  });
});

describe("the review of the day's rules changes", () => {
  it('a bag of the drug beside an earlier bag on another access is that access own (59), whichever bag it ran beside', () => {
    const lines = [vanc('09:00', '10:00'), vanc('10:30', '11:30'), vanc('11:00', '12:00', { site: 'R hand' })];
    expect(cpt(lines)).toContain('96365-59 x1');
  });
  it("an order's `hold if` is no pause: both doses bill", () => {
    const mg = (start: string, stop: string): Values => ({ drug: 'magnesium sulfate', dose: '2 g', route: 'IV infusion', start, stop, necessity: 'hold if diarrhea' });
    expect(hcpcs([mg('09:00', '10:00'), mg('12:00', '13:00')])).toEqual(['J3475 x8']);
  });
  it('a solution with a strength in its name takes its volume from a split dose cell', () => {
    const bag = { drug: 'sodium chloride 0.9% + potassium chloride', dose: '1000 mL + 20 mEq', route: 'IV infusion', purpose: 'therapeutic', start: '09:00', stop: '11:00' };
    expect(hcpcs([bag])).toEqual(['J3480 x10', 'J7030 x1']);
  });
});
