/** A small hand-made coding result (no engine needed): two encounters, three rows, a finding or two. */
import type { CodeLine, CodingResult, Finding, InputRow } from '../../src/rules/types';

function line(kind: 'cpt' | 'hcpcs', code: string, units: number, row: number, date: string | null, drug: string | null, modifiers: string[] = []): CodeLine {
  return { kind, code, units, modifiers, row, rows: [row], date, drug, explanation: `${code} x${units}` };
}

function finding(id: Finding['id'], row: number, severity: Finding['severity'] = 'error'): Finding {
  return { id, severity, row, field: null, column: null, params: {}, message: id };
}

export const fixtureRows: InputRow[] = [
  { row: 2, values: { encounter: 'E1', patient: 'MRN1', date: '2026-01-05', provider: 'Dr A', nurse: 'RN X', drug: 'vancomycin' } },
  { row: 3, values: { encounter: 'E1', patient: 'MRN1', date: '2026-01-05', provider: 'Dr A', nurse: 'RN Y', drug: 'ondansetron' } },
  { row: 4, values: { encounter: 'E2', patient: 12345, date: '2026-02-10', provider: '', nurse: 'RN X', drug: 'NS' } },
  { row: 5, values: { encounter: 'E2', patient: 12345, date: '#N/A', provider: 'Dr B', nurse: null, drug: 'mystery' } },
];

export const fixtureResult: CodingResult = {
  encounters: [
    {
      id: 'E1', rows: [2, 3], setting: 'facility', payer: 'Medicare', patient: 'MRN1', date: '2026-01-05', provider: 'Dr A',
      cpt: [], hcpcs: [], findings: [],
    },
    {
      id: 'E2', rows: [4, 5], setting: 'office', payer: null, patient: '12345', date: '2026-02-10', provider: 'Dr B',
      cpt: [], hcpcs: [], findings: [],
    },
  ],
  rows: [
    {
      row: 2, encounter: 'E1', minutes: 95, status: 'OK', explanation: '', findings: [],
      cpt: [line('cpt', '96365', 1, 2, '2026-01-05', 'vancomycin'), line('cpt', '96366', 1, 2, '2026-01-05', 'vancomycin')],
      hcpcs: [line('hcpcs', 'J3370', 3, 2, '2026-01-05', 'vancomycin', ['JZ'])],
    },
    {
      row: 3, encounter: 'E1', minutes: null, status: 'Error', explanation: '',
      findings: [finding('missing-necessity', 3), finding('missing-diagnosis', 3)],
      cpt: [line('cpt', '96375', 1, 3, '2026-01-05', 'ondansetron')],
      hcpcs: [line('hcpcs', 'J2405', 4, 3, '2026-01-05', 'ondansetron'), line('hcpcs', 'J2405', 1, 3, '2026-01-05', 'ondansetron', ['JW'])],
    },
    {
      row: 4, encounter: 'E2', minutes: 60, status: 'Review', explanation: '',
      findings: [finding('missing-route', 4, 'warning')],
      cpt: [line('cpt', '96360', 1, 4, '2026-02-10', null)],
      hcpcs: [line('hcpcs', 'J7030', 1, 4, '2026-02-10', 'sodium chloride 0.9%')],
    },
    {
      row: 5, encounter: 'E2', minutes: null, status: 'Error', explanation: '',
      findings: [finding('unparseable-date', 5), finding('unknown-drug', 5, 'warning'), finding('unknown-drug', 5, 'warning')],
      cpt: [], hcpcs: [],
    },
  ],
};
