/** Worksheets for the adapter tests: realistic infusion rows with some documentation gaps, any size. */
import type { FakeValue } from '../fake-excel';

export const HEADERS = [
  'Encounter',
  'MRN',
  'DOS',
  'Setting',
  'Payer',
  'Drug',
  'Dose',
  'Waste',
  'Route',
  'Purpose',
  'Start',
  'Stop',
  'Site',
  'Dx',
  'Necessity',
  'Nurse',
];

type Line = (FakeValue | null)[];

const time = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** One encounter of 3 lines: hydration, a therapeutic infusion, a push; `gap` picks a documentation gap. */
function encounter(i: number): Line[] {
  const enc = `E${100000 + i}`;
  const mrn = `MRN${5000 + (i % 997)}`;
  const date = `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`;
  const setting = i % 5 === 0 ? 'office' : 'facility';
  const payer = i % 3 === 0 ? 'Medicare' : i % 3 === 1 ? 'Aetna' : 'Blue Cross';
  const start = 8 * 60 + (i % 120);
  const gap = i % 7;
  const necessity = 'Dehydration with vomiting; unable to keep fluids down';
  return [
    [enc, mrn, date, setting, payer, 'Normal saline', '1000 mL', null, 'IV infusion', 'hydration', time(start), time(start + 75), 'L forearm', 'E86.0', necessity, 'RN Lee'],
    [
      enc,
      mrn,
      date,
      setting,
      payer,
      'ceftriaxone',
      '1 g',
      payer === 'Medicare' ? '0' : null,
      'IV infusion',
      'therapeutic',
      time(start + 80),
      gap === 1 ? null : time(start + 120),
      'L forearm',
      gap === 2 ? '276.51' : 'N39.0',
      gap === 3 ? null : 'UTI with fever, unable to take oral antibiotics',
      'RN Lee',
    ],
    [enc, mrn, date, setting, payer, 'ondansetron', '4 mg', null, 'IV push', 'therapeutic', time(start + 130), null, 'L forearm', 'R11.2', necessity, 'RN Kim'],
  ];
}

/** A sheet: optional title rows, the header, then `rows` data rows (a multiple of 3 is exact). */
export function infusionSheet(rows: number, titleRows = 0): Line[] {
  const out: Line[] = [];
  for (let t = 0; t < titleRows; t++) out.push([t === 0 ? 'Infusion log - March 2026' : null]);
  out.push([...HEADERS]);
  for (let i = 0; out.length < rows + titleRows + 1; i++) {
    for (const line of encounter(i)) if (out.length < rows + titleRows + 1) out.push(line);
  }
  return out;
}
