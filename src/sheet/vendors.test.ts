/**
 * Flat exports of real products that must code as the canonical layout does (examples.json S01, S09): an Epic
 * Clarity report's `MEDICATION_ID` beside `MED_NAME`, Cerner Discern's `BEG_DT_TM` and `EVENT_END_DT_TM`, and a
 * biller's charge export whose `Qty` / `Amount` columns stand beside the dose.
 */
import { matchHeader } from './headers';
import { codedSheet as coded } from '../../test/sheetCoding';

describe('Epic Clarity: MEDICATION_ID (the drug\'s numeric key) beside MED_NAME', () => {
  it('reads the drug from MED_NAME (S09: J3370 x4), not from the key', () => {
    const out = coded([
      ['PAT_MRN_ID', 'PAT_ENC_CSN_ID', 'CONTACT_DATE', 'MEDICATION_ID', 'MED_NAME', 'ADMIN_DOSE', 'ADMIN_UNIT', 'ROUTE', 'ADMIN_START_DTTM', 'ADMIN_END_DTTM', 'PAT_CLASS', 'INFUSION_TYPE', 'DX', 'INDICATION'],
      ['E1009', '7300000163', '2026-03-02 00:00:00.000', 100370, 'VANCOMYCIN', 1.75, 'g', 'Intravenous', '2026-03-02 09:00:00.000', '2026-03-02 10:31:00.000', 'Hospital Outpatient Visit', 'therapeutic', 'A41.9', 'Sepsis'],
    ]);
    expect(out.codes).toEqual({ '7300000163': '96365 x1; 96366 x1 | J3370 x4' });
    expect(out.findings).toEqual([]);
  });
  it('still reads a lone Medication ID column as the drug', () => {
    expect(matchHeader('MEDICATION_ID')?.field).toBe('drug');
  });
});

describe('Cerner Discern Explorer date-times', () => {
  it('reads BEG_DT_TM as the start (S09 was 96374, a push, with missing-start-time)', () => {
    const out = coded([
      ['FIN NBR', 'MRN', 'ENCNTR_TYPE', 'ORDER_MNEMONIC', 'ADMIN_DOSAGE', 'DOSAGE_UNIT', 'ADMIN_ROUTE', 'BEG_DT_TM', 'END_DT_TM', 'TYPE', 'DX', 'INDICATION'],
      ['FIN73001', 'E1009', 'Outpatient', 'vancomycin', 1.75, 'g', 'IVPB', '03/02/2026 09:00:00', '03/02/2026 10:31:00', 'therapeutic', 'A41.9', 'Sepsis'],
    ]);
    expect(out.codes).toEqual({ FIN73001: '96365 x1; 96366 x1 | J3370 x4' });
    expect(out.findings).toEqual([]);
  });
  it('prefers ADMIN_END_DT_TM to the chart event\'s EVENT_END_DT_TM left of it (S09 was silently a push)', () => {
    const out = coded([
      ['FIN NBR', 'ENCNTR_TYPE', 'EVENT_END_DT_TM', 'ORDER_MNEMONIC', 'ADMIN_DOSAGE', 'DOSAGE_UNIT_CD', 'ADMIN_ROUTE_CD', 'ADMIN_START_DT_TM', 'ADMIN_END_DT_TM', 'TYPE', 'DX', 'INDICATION'],
      ['FIN73001', 'Outpatient', '03/02/2026 09:00:00', 'vancomycin', 1.75, 'g', 'IVPB', '03/02/2026 09:00:00', '03/02/2026 10:31:00', 'therapeutic', 'A41.9', 'Sepsis'],
    ]);
    expect(out.codes).toEqual({ FIN73001: '96365 x1; 96366 x1 | J3370 x4' });
    expect(out.findings).toEqual([]);
  });
  it('never reads a record\'s BEG/END_EFFECTIVE_DT_TM as an administration time', () => {
    expect(matchHeader('BEG_EFFECTIVE_DT_TM')).toBeNull();
    expect(matchHeader('END_EFFECTIVE_DT_TM')).toBeNull();
    expect(matchHeader('BEG_DT_TM')?.field).toBe('start');
  });
});

describe('a biller\'s charge export: CPT, Qty and Amount beside the administration columns', () => {
  it('reads the dose from Admin Dose, not the billed Qty or the charge Amount (S01: J0696 x4, not x1)', () => {
    const out = coded([
      ['Account', 'Service Date', 'POS', 'CPT', 'Qty', 'Amount', 'Medication', 'Admin Dose', 'Route', 'Start Time', 'Stop Time', 'Purpose', 'Dx', 'Indication'],
      ['7300000100', '03/02/2026', '22', '96365', 1, 250, 'ceftriaxone', '1 g', 'IV infusion', '09:30', '09:44', 'therapeutic', 'N39.0', 'UTI'],
    ]);
    expect(out.codes).toEqual({ '7300000100': '96374 x1 | J0696 x4' });
    expect(out.findings).toEqual([]);
  });
  it('still reads a lone Amount or Qty column as the dose', () => {
    expect(matchHeader('Amount')?.field).toBe('dose');
    expect(matchHeader('Qty')?.field).toBe('dose');
  });
});
