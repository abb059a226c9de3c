import { codeRows } from '../rules';
import { FIELDS, type Field } from '../rules/types';
import { readRows } from './rows';
import { detectTable, HEADER_SYNONYMS, matchHeader, normalizeHeader } from './headers';
import { DERIVED_HEADERS } from './plan';
import type { Grid } from './types';

const grid = (values: Grid['values'], firstRow = 1, firstColumn = 1): Grid => ({ values, firstRow, firstColumn });

describe('normalizeHeader', () => {
  it.each([
    ['Visit #', 'visit'],
    ['  Start   Time ', 'starttime'],
    ['ICD-10 Code', 'icd10code'],
    ['Drug/Solution', 'drugsolution'],
    ['StartTime', 'starttime'],
    ['Pt. Name', 'ptname'],
    ['Dose & Unit', 'doseandunit'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });
});

describe('matchHeader', () => {
  const cases: [string, Field][] = [
    ['Visit #', 'encounter'],
    ['FIN', 'encounter'],
    ['CSN', 'encounter'],
    ['Account Number', 'encounter'],
    ['Encounter ID', 'encounter'],
    ['Pt Name', 'patient'],
    ['MRN', 'patient'],
    ['Patient ID', 'patient'],
    ['Date of Service', 'date'],
    ['DOS', 'date'],
    ['Admin Date', 'date'],
    ['Place of Service', 'setting'],
    ['POS', 'setting'],
    ['Financial Class', 'payer'],
    ['Insurance', 'payer'],
    ['Drug/Solution', 'drug'],
    ['Medication Name', 'drug'],
    ['Dose', 'dose'],
    ['Dosage', 'dose'],
    ['JW Amount', 'waste'],
    ['Wasted', 'waste'],
    ['Admin Route', 'route'],
    ['Route of Administration', 'route'],
    ['Infusion Type', 'purpose'],
    ['Type', 'purpose'],
    ['Start Time', 'start'],
    ['Time In', 'start'],
    ['Stop Time', 'stop'],
    ['Time Out', 'stop'],
    ['End', 'stop'],
    ['End Time', 'stop'],
    ['IV Site', 'site'],
    ['Access', 'site'],
    ['ICD10 Code', 'diagnosis'],
    ['ICD-10', 'diagnosis'],
    ['Dx', 'diagnosis'],
    ['Medical Necessity', 'necessity'],
    ['Indication', 'necessity'],
    ['Primary Reason', 'primary'],
    ['Ordering Provider', 'provider'],
    ['Physician', 'provider'],
    ['Administered By', 'nurse'],
    ['Nurse', 'nurse'],
    // keywords, for spellings no synonym lists
    ['Infusion End Dt/Tm', 'stop'],
    ['Infusion Start Date/Time', 'start'],
    ['Pt Insurance Co', 'payer'],
    ['Diagnosis (ICD-10-CM)', 'diagnosis'],
    ['Med Given', 'drug'],
    ['Admin Nurse Initials', 'nurse'],
    ['Med Nec', 'necessity'],
    ['Reason for Medication', 'necessity'],
    ['Site of Care', 'setting'],
    ['Dose (mg)', 'dose'],
    ['Waste (mg)', 'waste'],
    ['Administration Date/Time', 'start'],
    ['Therapy Category', 'purpose'],
    ['Product Name', 'drug'],
    ['Route of Admin', 'route'],
    ['Start DTTM', 'start'],
    ['Stop DTTM', 'stop'],
    ['Infusion Start Date', 'date'],
    ['Encounter No.', 'encounter'],
    ['Acct #', 'encounter'],
    ['Pt Acct #', 'encounter'],
    ['Patient Acct #', 'encounter'],
    ['Pt. Acct. No.', 'encounter'],
    ['Pt Visit #', 'encounter'],
    ['Pt Encounter', 'encounter'],
    ['Patient MRN', 'patient'],
    ['Encounter Patient Name', 'patient'],
    ['Patient Visit ID', 'encounter'],
    ['Visit ID', 'encounter'],
    ['Pt Name', 'patient'],
    ['Primary Provider', 'provider'],
    ['Primary Insurance', 'payer'],
    ['Primary (Y/N)', 'primary'],
    ['Dx Code(s)', 'diagnosis'],
    // EHR exports (Epic, Cerner)
    ['Encounter CSN', 'encounter'],
    ['FIN NBR', 'encounter'],
    ['Order Mnemonic', 'drug'],
    ['Admin Start Dt/Tm', 'start'],
    ['Admin End Dt/Tm', 'stop'],
    ['Taken Time', 'start'],
    ['Date/Time Given', 'start'],
    ['Pt Class', 'setting'],
    ['PAT_CLASS', 'setting'],
    ['ADT_PAT_CLASS_C', 'setting'],
    ['ENCNTR_TYPE_CD', 'setting'],
    ['FINANCIAL_CLASS_CD', 'payer'],
    ['FIN_CLASS_CD', 'payer'],
    ['Adm Date/Time', 'start'],
    ['ADMIN_SITE_CD', 'site'],
    ['Infusion Site', 'site'],
    ['Indication for Use', 'necessity'],
    ['Clinical Note', 'necessity'],
    ['Medication (Generic)', 'drug'],
    ['Brand Name', 'drug'],
    ['Amount (mL)', 'dose'],
    ['Supervising MD', 'provider'],
    ['Nurse Initials', 'nurse'],
    ['Setting (Facility/Office)', 'setting'],
    ['Start Time (hh:mm)', 'start'],
  ];
  it.each(cases)('%j names %s', (header, field) => {
    expect(matchHeader(header)?.field).toBe(field);
  });

  it('every listed synonym maps back to its own field', () => {
    for (const field of FIELDS) {
      for (const synonym of HEADER_SYNONYMS[field]) {
        expect([synonym, matchHeader(synonym)?.field]).toEqual([synonym, field]);
      }
    }
  });

  it("reads clinics' headers for what they hold (a hostile audit of 38 dialects)", () => {
    // A drug named with its dose is the drug (its dose is read from the cell); the kind of visit is its setting.
    for (const h of ['Drug & Dose', 'Medication/Dose', 'Medication and Dose', 'Drug/Dose', 'Medication/Dose/Route']) expect([h, matchHeader(h)?.field]).toEqual([h, 'drug']);
    expect(matchHeader('Visit Type')?.field).toBe('setting');
    // A birth, admission, discharge or order date is not the date of service.
    for (const h of ['Date of Birth', 'DOB', 'Birth Date', 'Admit Date', 'Discharge Date', 'Order Date']) expect([h, matchHeader(h)]).toEqual([h, null]);
    expect(matchHeader('Nurse Notes')?.field).toBe('necessity');
    // Of two starts, the actual one wins over the scheduled one, wherever each stands.
    expect(matchHeader('Actual Start')!.rank).toBeLessThan(matchHeader('Scheduled Start')!.rank);
  });

  it('leaves unknown headers and sentences alone', () => {
    expect(matchHeader('Bed')).toBeNull();
    expect(matchHeader('Infusion Rate')?.field).toBe('rate');
    expect(matchHeader('Duration')).toBeNull();
    expect(matchHeader('Location')).toBeNull();
    expect(matchHeader('')).toBeNull();
    expect(matchHeader('Infusion log for the oncology clinic, March 2026, prepared by the billing office')).toBeNull();
  });
});

const HEADER = ['Visit #', 'Pt Name', 'Date of Service', 'Drug/Solution', 'Dose', 'Admin Route', 'Start Time', 'Stop Time'];

describe('detectTable', () => {
  it('finds the header below title rows and skips blank rows', () => {
    const g = grid([
      ['Infusion log - March 2026'],
      [],
      ['Exported 2026-03-31', null, null],
      HEADER,
      ['E1', 'Doe, Jane', '2026-03-02', 'ceftriaxone', '1 g', 'IV infusion', '09:30', '10:00'],
      [],
      [null, '', '  '],
      ['E1', 'Doe, Jane', '2026-03-02', 'ondansetron', '4 mg', 'IV push', '10:05', null],
    ]);
    const t = detectTable(g)!;
    expect(t.headerRow).toBe(4);
    expect(t.mapping).toEqual({ encounter: 1, patient: 2, date: 3, drug: 4, dose: 5, route: 6, start: 7, stop: 8 });
    expect(t.dataRows).toEqual([5, 8]);
    expect(t.lastUserColumn).toBe(8);
    expect(t.lastRow).toBe(8);
    expect(t.headers.get(1)).toBe('Visit #');
  });

  it('skips a totals row (a label, no drug, no times), never a row that documents an administration', () => {
    const g = grid([
      HEADER,
      ['E1', 'Doe, Jane', '2026-03-02', 'ceftriaxone', '1 g', 'IV infusion', '09:30', '10:00'],
      ['Total', null, null, null, '1 g', null, null, null],
      [null, 'Grand total:', null, null, null, null, null, null],
      ['Total', 'Doe, Jane', '2026-03-02', 'ondansetron', '4 mg', 'IV push', '10:05', null],
      ['E2', 'Subtotal', '2026-03-02', null, null, null, '11:00', null],
    ]);
    const t = detectTable(g)!;
    expect(t.dataRows).toEqual([2, 5, 6]);
    expect(t.lastRow).toBe(6);
  });

  it('reads a two-row header whose Start and Stop group a Date and a Time column each (merged, or written once)', () => {
    for (const group of [['Start', 'Start', 'Stop', 'Stop'], ['Start', null, 'Stop', null]]) {
      const g = grid([
        ['Infusion log', null, null, null, null, ...group],
        ['Encounter', 'Drug', 'Dose', 'Route', 'Diagnosis', 'Date', 'Time', 'Date', 'Time'],
        ['E1', 'ceftriaxone', '1 g', 'IV infusion', 'N39.0', '2026-03-02', '09:30', '2026-03-02', '10:00'],
      ]);
      const t = detectTable(g)!;
      expect(t.headerRow).toBe(2);
      expect(t.headers.get(7)).toBe('Start Time');
      expect(t.headers.get(9)).toBe('Stop Time');
      expect([t.mapping.start, t.mapping.stop].every((c) => c !== undefined)).toBe(true);
      const rows = readRows(g, t);
      const minutes = codeRows(rows).rows[0].minutes;
      expect(minutes).toBe(30);
    }
  });

  it('a title above a header of Date and Time columns changes nothing', () => {
    const g = grid([['Infusion log - March', 'Infusion log - March', 'Infusion log - March', 'Infusion log - March'], ['Encounter', 'Drug', 'Date', 'Time'], ['E1', 'ondansetron', '2026-03-02', '09:30']]);
    expect(detectTable(g)!.headers.get(4)).toBe('Time');
  });

  it("skips a report's footer lines alone in their rows, never a row with more in it", () => {
    const g = grid([
      HEADER,
      ['E1', 'Doe, Jane', '2026-03-02', 'ceftriaxone', '1 g', 'IV infusion', '09:30', '10:00'],
      ['Total administrations: 15', null, null, null, null, null, null, null],
      ['*** End of report ***', null, null, null, null, null, null, null],
      ['Page 2 of 3', null, null, null, null, null, null, null],
      ['Printed 03/02/2026 by K. Brooks', null, null, null, null, null, null, null],
      ['E2', 'End of report', '2026-03-02', null, null, null, null, null],
      ['Endo clinic visit', null, null, null, null, null, null, null],
    ]);
    expect(detectTable(g)!.dataRows).toEqual([2, 7, 8]);
  });

  it('honours the grid offset', () => {
    const g = grid([HEADER, ['E1', 'A', '2026-03-02', 'cefazolin', '2 g', 'IV', '13:00', '13:31']], 10, 3);
    const t = detectTable(g)!;
    expect(t.headerRow).toBe(10);
    expect(t.mapping.encounter).toBe(3);
    expect(t.mapping.stop).toBe(10);
    expect(t.dataRows).toEqual([11]);
  });

  it('maps the other spellings of RULES.md and EHR exports', () => {
    const g = grid([
      ['FIN', 'MRN', 'DOS', 'POS', 'Financial Class', 'Medication', 'Amount', 'Wasted', 'Method', 'Category',
        'Time In', 'Time Out', 'Line', 'ICD10 Code', 'Indication', 'Primary', 'Physician', 'Administered By'],
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18'],
    ]);
    const t = detectTable(g)!;
    expect(t.mapping).toEqual({
      encounter: 1, patient: 2, date: 3, setting: 4, payer: 5, drug: 6, dose: 7, waste: 8, route: 9, purpose: 10,
      start: 11, stop: 12, site: 13, diagnosis: 14, necessity: 15, primary: 16, provider: 17, nurse: 18,
    });
  });

  it('keeps unknown columns as user columns, unmapped', () => {
    const g = grid([
      ['Bed', 'CSN', 'Drug', 'Start', 'End', 'Charge Nurse Comment', 'Room'],
      ['4', 'C1', 'NS', '08:00', '10:00', 'ok', '12'],
    ]);
    const t = detectTable(g)!;
    expect(t.mapping).toEqual({ encounter: 2, drug: 3, start: 4, stop: 5, nurse: 6 });
    expect(t.lastUserColumn).toBe(7);
  });

  it("a second table right of the main one (after an empty column) takes only fields the main table does not name", () => {
    const g = grid([
      ['Visit', 'Med/Solution', 'Amount', 'Time In', 'Time Out', 'Dx', null, 'Drug', 'Start', 'Total Units', 'Payer'],
      ['V1', 'infliximab', '400 mg', '09:00', '11:30', 'K50.90', null, 'infliximab', '01/2026', 40, 'Medicare'],
    ]);
    const t = detectTable(g)!;
    expect(t.mapping).toMatchObject({ encounter: 1, drug: 2, dose: 3, start: 4, stop: 5, diagnosis: 6, payer: 11 });
  });

  it('takes the strongest spelling when two columns could be the same field', () => {
    const g = grid([
      ['Notes', 'Medical Necessity', 'Drug', 'Start Date', 'Date of Service', 'Start Time', 'Stop Time'],
      ['x', 'y', 'NS', '2026-03-02', '2026-03-02', '08:00', '10:00'],
    ]);
    const t = detectTable(g)!;
    expect(t.mapping.necessity).toBe(2);
    expect(t.mapping.date).toBe(5);
    expect(t.mapping.start).toBe(6);
  });

  it('recognises its own derived columns and never maps them', () => {
    const g = grid([
      [...HEADER, ...DERIVED_HEADERS],
      ['E1', 'A', '2026-03-02', 'NS', '1000 mL', 'IV', '08:00', '10:00', '96360', 'J7030', null, 120, 'OK', null, 'x'],
      [null, null, null, null, null, null, null, null, '96374', null, null, null, 'OK', null, 'stale'],
    ]);
    const t = detectTable(g)!;
    expect(t.lastUserColumn).toBe(8);
    expect([...t.derivedColumns.entries()]).toEqual(DERIVED_HEADERS.map((h, i) => [h, 9 + i]));
    expect(Object.values(t.mapping).every((c) => (c as number) <= 8)).toBe(true);
    expect(t.dataRows).toEqual([2]);
    expect(t.lastRow).toBe(3);
  });

  it('lets an override win and a 0 unmap a field', () => {
    const g = grid([
      ['Encounter', 'Drug', 'Given', 'Start', 'Stop', 'Notes'],
      ['E1', 'NS', 'NS 1000 mL', '08:00', '10:00', 'dehydration'],
    ]);
    const t = detectTable(g, { dose: 3, necessity: 0, drug: 2 })!;
    expect(t.mapping).toEqual({ encounter: 1, drug: 2, dose: 3, start: 4, stop: 5 });
  });

  it('does not take a title row for the header when overrides are given', () => {
    const g = grid([['Title'], ['Visit', 'Given', 'Start', 'Stop'], ['E1', 'NS', '08:00', '10:00']]);
    expect(detectTable(g, { drug: 2 })!.headerRow).toBe(2);
  });

  it('returns null when no row looks like a header', () => {
    expect(detectTable(grid([]))).toBeNull();
    expect(detectTable(grid([['a', 'b'], [1, 2]]))).toBeNull();
    // three fields but neither a time nor a drug
    expect(detectTable(grid([['Patient', 'Payer', 'Date'], ['x', 'y', 'z']]))).toBeNull();
    // numbers and dates are data, not headers
    expect(detectTable(grid([[1, new Date(0), 3, 4]]))).toBeNull();
  });

  it('skips repeated header rows and rows with values only in unknown columns', () => {
    const g = grid([
      ['Visit', 'Drug', 'Start', 'Stop', 'Room'],
      ['E1', 'NS', '08:00', '10:00', null],
      ['Visit', 'Drug', 'Start', 'Stop', 'Room'],
      [null, null, null, null, 'printed 3/31'],
      ['E2', 'NS', '08:00', '10:00', null],
    ]);
    const t = detectTable(g)!;
    expect(t.dataRows).toEqual([2, 5]);
  });

  it('knows a repeated header in another case or with spaces (a no-break space too) around it, and a data row that only starts like one', () => {
    const g = grid([
      ['Visit', 'Drug', 'Start', 'Stop'],
      ['E1', 'NS', '08:00', '10:00'],
      [' VISIT ', 'drug', 'START  ', 'Stop'],
      ['Visit\u00a0', 'E9', 'START ', ' stop'],
      ['Visits', 'Drugs', 'Start time', 'Stop'],
      ['E2', 'NS', '08:00', '10:00'],
    ]);
    expect(detectTable(g)!.dataRows).toEqual([2, 5, 6]);
  });

  it('treats #N/A as empty when looking for data rows', () => {
    const g = grid([
      ['Visit', 'Drug', 'Start', 'Stop'],
      ['#N/A', '#N/A', null, '#VALUE!'],
      ['E1', 'NS', '08:00', '#N/A'],
    ]);
    expect(detectTable(g)!.dataRows).toEqual([3]);
  });

  it('finds a separate unit column beside the dose', () => {
    const g = grid([
      ['Visit', 'Drug', 'Dose', 'Unit', 'Waste', 'Waste UOM', 'Start', 'Stop'],
      ['E1', 'iron sucrose', 200, 'mg', 0, 'mg', '08:00', '08:30'],
    ]);
    const t = detectTable(g)!;
    expect(t.unitColumns).toEqual({ dose: 4, waste: 6 });
  });

  it('reads the dose unit from an export unit column wherever it stands, and a bare Unit or UOM beside or apart', () => {
    const code = (header: string[], row: unknown[]) => {
      const g = grid([header, row as Grid['values'][number]]);
      return codeRows(readRows(g, detectTable(g)!)).encounters[0].hcpcs.map((c) => `${c.code} x${c.units}`);
    };
    // Gammagard 30 g is J1569 x60 (500 mg units): each unit column header of Epic, Clarity, Cerner and hand-made sheets.
    for (const unitHeader of ['Dosage Unit', 'DOSAGE_UNIT', 'DOSE_UNIT_C_NAME', 'Admin Unit', 'Dose UOM', 'Unit of Measure']) {
      expect(code(['Visit', 'Drug', 'Dose', 'Route', 'Start', 'Stop', unitHeader], ['V1', 'Gammagard', 30, 'IV', '09:00', '11:31', 'g'])).toEqual(['J1569 x60']);
    }
    expect(code(['Visit', 'Drug', 'Unit', 'Dose', 'Route', 'Start'], ['V1', 'ceftriaxone', 'g', 1, 'IV push', '09:00'])).toEqual(['J0696 x4']);
    // A dose amount column matched by its words, beside `Dose Unit`: the unit column is never taken for the dose.
    for (const doseHeader of ['Dose Amt', 'Given Dose', 'ADMIN_DOSAGE', 'Admin Qty', 'Amt']) {
      expect(code(['Visit', 'Drug', doseHeader, 'Dose Unit', 'Route', 'Start'], ['V1', 'ceftriaxone', 1, 'g', 'IV push', '09:00'])).toEqual(['J0696 x4']);
    }
    // One column holding both stays the dose; claim units and a ward are no units of the dose.
    expect(code(['Visit', 'Drug', 'Dose/Unit', 'Route', 'Start'], ['V1', 'ceftriaxone', '1 g', 'IV push', '09:00'])).toEqual(['J0696 x4']);
    expect(code(['Visit', 'Drug', 'Dose', 'Billed Units', 'Route', 'Start'], ['V1', 'ceftriaxone', '1 g', 4, 'IV push', '09:00'])).toEqual(['J0696 x4']);
    expect(code(['Visit', 'Drug', 'Dose', 'Unit', 'Route', 'Start'], ['V1', 'ondansetron', '4 mg', '4 West', 'IV push', '09:00'])).toEqual(['J2405 x4']);
  });

  it('reads a last name with its first name as the patient, so two patients of one date are two encounters', () => {
    const g = grid([
      ['Last Name', 'First Name', 'DOS', 'Medication', 'Dose', 'Route', 'Start Time', 'Stop Time'],
      ['Smith', 'John', '2026-03-02', 'ceftriaxone', '1 g', 'IV', '09:00', '09:31'],
      ['Smith', 'Anna', '2026-03-02', 'ceftriaxone', '1 g', 'IV', '09:00', '09:31'],
    ]);
    const t = detectTable(g)!;
    expect(t.companions?.firstName).toBe(2);
    const result = codeRows(readRows(g, t));
    expect(result.encounters.map((e) => e.patient)).toEqual(['Smith, John', 'Smith, Anna']);
    expect(result.encounters.map((e) => e.cpt.map((c) => c.code).join(' '))).toEqual(['96365', '96365']);
  });

  it('reads the headers of warehouse extracts and hand-made sheets', () => {
    const field = (header: string) => matchHeader(header)?.field ?? null;
    expect(['DISPLAY_NAME', 'Display Name'].map(field)).toEqual(['drug', 'drug']);
    expect(['Amt', 'Admin Amount', 'Total Given', 'Dose Qty'].map(field)).toEqual(['dose', 'dose', 'dose', 'dose']);
    expect(['Primary Ins', 'Primary Ins Plan'].map(field)).toEqual(['payer', 'payer']);
    expect(['Dx1', 'ICD1', 'DX2'].map(field)).toEqual(['diagnosis', 'diagnosis', 'diagnosis']);
    expect(['Dose Unit', 'DOSAGE_UNIT', 'Units'].map(field)).toEqual([null, null, null]);
  });

  it('reads the route from a type column when the sheet has no route column, never a flush type as a port flush', () => {
    const g = grid([
      ['Pt Name', 'DOS', 'Med', 'Dose', 'In', 'Type', 'Dx'],
      ['Hunt, Eve', '2026-03-02', 'cyanocobalamin', '1000 mcg', '09:00', 'IM Injection', 'D51.0'],
      ['Hunt, Eve', '2026-03-02', 'heparin', '500 units', '09:30', 'Flush', 'D51.0'],
    ]);
    const result = codeRows(readRows(g, detectTable(g)!));
    expect(result.rows[0].cpt.map((c) => c.code)).toEqual(['96372']);
    expect(result.rows[1].cpt).toEqual([]);
  });

  it('reads the headers of a second audit of dialects: units in mL and mEq, patients, nursing times, amounts', () => {
    const code = (header: string[], ...rows: unknown[][]) => {
      const g = grid([header, ...(rows as Grid['values'])]);
      return codeRows(readRows(g, detectTable(g)!)).encounters.map((e) => [...e.cpt, ...e.hcpcs].map((c) => `${c.code} x${c.units}`).join(' '));
    };
    // `Dose (mL)` is millilitres, `Dose (mEq)` milliequivalents (camel case is not two words here).
    for (const h of ['Dose (mL)', 'Amount (mL)', 'Dose [mL]', 'Dose mL']) {
      expect(code(['Visit', 'Drug', h, 'Purpose', 'Start', 'Stop'], ['V1', 'normal saline', 1000, 'hydration', '09:00', '10:00'])).toEqual(['96360 x1 J7030 x1']);
    }
    expect(code(['Visit', 'Drug', 'Dose (mEq)', 'Route', 'Start', 'Stop'], ['V1', 'potassium chloride', 20, 'IV', '09:00', '11:00'])).toEqual(['96365 x1 96366 x1 J3480 x10']);
    expect(code(['Visit', 'Drug', 'Dose (Units)', 'Route', 'Start'], ['V1', 'heparin', 5000, 'SQ', '09:00'])).toEqual(['96372 x1 J1644 x5']);
    // Who the patient is, never what about the patient: two patients of one date stay two visits.
    for (const h of [['Patient Sex', 'PAT_MRN_ID'], ['Patient Location', 'PAT_ID'], ['Pt Age', 'PAT_NAME']]) {
      const rows = [['F', 'M1', '2026-03-02', 'ceftriaxone', '1 g', 'IV', '09:00', '09:31'], ['F', 'M2', '2026-03-02', 'ceftriaxone', '1 g', 'IV', '09:00', '09:31']];
      expect(code([...h, 'DOS', 'Drug', 'Dose', 'Route', 'Start', 'Stop'], ...rows)).toEqual(['96365 x1 J0696 x4', '96365 x1 J0696 x4']);
    }
    for (const [last, first] of [['LName', 'FName'], ['PAT_LAST_NAME', 'PAT_FIRST_NAME'], ['Pt Last', 'Pt First'], ['Last Nm', 'First Nm']]) {
      const rows = [['Smith', 'John', '2026-03-02', 'ceftriaxone', '1 g', 'IV', '09:00', '09:31'], ['Smith', 'Jane', '2026-03-02', 'ceftriaxone', '1 g', 'IV', '09:00', '09:31']];
      expect(code([last, first, 'DOS', 'Drug', 'Dose', 'Route', 'Start', 'Stop'], ...rows)).toHaveLength(2);
    }
    // Nursing logs: the bag was hung and completed, or turned on and off.
    for (const [on, off] of [['Time Hung', 'Time Completed'], ['Hang Time', 'Completed Time'], ['Time On', 'Time Off']]) {
      expect(code(['Visit', 'Drug', 'Dose', 'Route', on, off], ['V1', 'vancomycin', '1.75 g', 'IV', '09:00', '10:31'])).toEqual(['96365 x1 96366 x1 J3370 x4']);
    }
    for (const h of ['Drug Amount', 'Med Amount', 'Administered Amount']) {
      expect(code(['Visit', 'Drug', h, 'Dose Unit', 'Route', 'Start'], ['V1', 'ceftriaxone', 1, 'g', 'IV push', '09:00'])).toEqual(['96374 x1 J0696 x4']);
    }
    // A ward's `Unit` beside the dose loses to the `UOM` on its other side; apostrophes are Excel's text marks.
    expect(code(['Visit', 'Drug', 'Unit', 'Dose', 'UOM', 'Route', 'Start'], ['V1', 'ceftriaxone', 'ED', 1, 'g', 'IV push', '09:00'])).toEqual(['96374 x1 J0696 x4']);
    expect(code(['Visit', 'DOS', 'Drug', 'Dose', 'Dose Unit', 'Route', 'Start'], ['V1', "'03/02/2026", 'ceftriaxone', "'1", 'g', 'IV push', "'09:30"])).toEqual(['96374 x1 J0696 x4']);
  });

  it('reads a stop date from its own column: an infusion that ends the next day', () => {
    const g = grid([
      ['Visit #', 'Start Date', 'Start Time', 'Stop Date', 'Stop Time', 'Drug', 'Dose', 'Purpose'],
      ['V1', '2026-03-02', '20:00', '2026-03-03', '10:00', 'normal saline', '1000 mL', 'hydration'],
    ]);
    const t = detectTable(g)!;
    expect(t.companions?.stopDate).toBe(4);
    const result = codeRows(readRows(g, t));
    expect(result.rows[0].minutes).toBe(840);
    expect(result.encounters[0].cpt.map((c) => `${c.code} x${c.units}`)).toEqual(['96360 x1', '96361 x13']);
  });

  it('a type column naming a pump or an on-body injector is its route when there is no route column', () => {
    const g = grid([
      ['Visit #', 'DOS', 'Drug', 'Dose', 'Type', 'Start', 'Stop', 'Dx'],
      ['V1', '2026-03-02', 'fluorouracil', '2400 mg', 'Ambulatory Pump', '10:00', '2026-03-04 08:00', 'C18.9'],
      ['V2', '2026-03-02', 'Neulasta Onpro', '6 mg', 'On-Body Injector', '10:00', null, 'C18.9'],
    ]);
    const result = codeRows(readRows(g, detectTable(g)!));
    expect(result.encounters.map((e) => e.cpt.map((c) => c.code).join(' '))).toEqual(['96416', '96377']);
  });

  it("the review of the day's header changes: an authorization's end date, a charge amount, a last-dose flag, a nurse who completed", () => {
    const code = (header: string[], ...rows: unknown[][]) => {
      const g = grid([header, ...(rows as Grid['values'])]);
      return codeRows(readRows(g, detectTable(g)!)).encounters.map((e) => [...e.cpt, ...e.hcpcs].map((c) => `${c.code}${c.modifiers.length ? `-${c.modifiers.join('-')}` : ''} x${c.units}`).join(' '));
    };
    expect(code(['Visit', 'Date', 'Drug', 'Dose', 'Route', 'Start', 'Stop', 'Auth End Date'], ['V1', '2026-03-02', 'infliximab', '400 mg', 'IV', '09:00', '11:10', '2026-06-30'])).toEqual(['96413 x1 96415 x1 J1745 x40']);
    expect(code(['Visit', 'Drug', 'Route', 'Start', 'Charge Amt'], ['V1', 'ondansetron 4 mg', 'IV push', '09:00', 180])).toEqual(['96374 x1 J2405 x4']);
    expect(code(['Visit', 'Date', 'Drug', 'Dose', 'Route', 'Start', 'Stop', 'Last'], ['V1', '2026-03-02', 'infliximab', '400 mg', 'IV', '09:00', '11:10', 'Y'], ['V2', '2026-03-02', 'infliximab', '400 mg', 'IV', '13:00', '15:10', 'Y'])).toEqual(['96413 x1 96415 x1 J1745 x40', '96413 x1 96415 x1 J1745 x40']);
    expect(matchHeader('Completed By')?.field).not.toBe('stop');
    expect(['Patient Surname', "Patient's Name", 'Pt MR #', 'MRN/FIN', 'Patient Legal Name'].map((h) => matchHeader(h)?.field)).toEqual(['patient', 'patient', 'patient', 'patient', 'patient']);
    expect(matchHeader('Unit Dose')?.field).toBe('dose');
    // A unit the rules cannot bill by is still read with the dose, so the dose gets its finding (never billed bare).
    const g = grid([['Visit', 'Drug', 'Dose', 'Unit', 'Route', 'Start'], ['V1', 'cisplatin', 75, 'mg/m2', 'IV push', '09:00']]);
    expect(codeRows(readRows(g, detectTable(g)!)).rows[0].findings.map((f) => f.id)).toContain('unparseable-dose');
  });

  it('reads a unit named in the dose or waste header', () => {
    const g = grid([
      ['Visit', 'Drug', 'Dose (mg)', 'Waste (mg)', 'Volume', 'Start', 'Stop'],
      ['E1', 'iron sucrose', 200, 0, null, '08:00', '08:30'],
    ]);
    const t = detectTable(g)!;
    expect(t.headerUnits).toEqual({ dose: 'mg', waste: 'mg' });
  });

  it('counts a value typed right of the headers as a user column', () => {
    const g = grid([
      ['Visit', 'Drug', 'Start', 'Stop'],
      ['E1', 'NS', '08:00', '10:00', null, 'side note'],
    ]);
    expect(detectTable(g)!.lastUserColumn).toBe(6);
  });
});
