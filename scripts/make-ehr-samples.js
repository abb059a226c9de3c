#!/usr/bin/env node
/**
 * Writes the same infusion encounters in the shapes EHRs export (docs/ehr-exports.md), so each shape can be
 * checked to code like the flat sheet:
 *   flat.xlsx                  one row per administration (what a biller types)
 *   epic-mar.xlsx / .csv       Epic MAR_ADMIN_INFO style: one row per MAR action (New Bag, Paused, Restarted,
 *                              Stopped, Rate Change, Push, Given, Held), TAKEN_TIME date-times, MAR_DURATION
 *   cerner-mar.xlsx / .csv     Cerner CE_MED_RESULT style: IV_EVENT_CD (Begin Bag, Infuse, Rate Change to 0,
 *                              Bolus), a date column and a time column, INFUSED_VOLUME, no order column
 *   fhir-bundle.json           an R4 Bundle: MedicationAdministration + Patient, Encounter, Coverage, Medication
 *   fhir-export.ndjson         the same resources as a bulk export, one per line
 * Deterministic (seeded). Usage: node scripts/make-ehr-samples.js [OUTPUT_DIR] [ENCOUNTERS] [SEED]
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ExcelJS = require('exceljs');
const { rng } = require('./rng');

const OUT = process.argv[2] || path.join(__dirname, '..', 'examples', 'ehr');
const COUNT = Number(process.argv[3] || 30);
let random = rng(Number(process.argv[4] || 20260311));
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const NURSES = ['K. Brooks RN', 'L. Nguyen RN', 'M. Okafor RN', 'T. Walsh RN'];
const PAYERS = ['Medicare', 'Aetna', 'BCBS', 'Medicaid'];
const SITES = ['L forearm', 'R forearm', 'L antecubital', 'R hand'];
/** [drug, dose amount, unit, NDC (10-digit, hyphenated as on the package)] */
const ANTIBIOTICS = [
  ['ceftriaxone', 1, 'g', '0409-7338-01', 'N39.0', 'Pyelonephritis, unable to take oral antibiotics'],
  ['cefazolin', 2, 'g', '0143-9924-90', 'L03.116', 'Cellulitis left leg, outpatient IV therapy'],
  ['ertapenem', 1, 'g', '0006-3843-71', 'N39.0', 'ESBL urinary tract infection'],
];

/**
 * One encounter: its administrations. Times are minutes after midnight; `pauses` are [from, to] minutes when
 * the pump was paused; `bags` the dose of each bag hung; `rate` mL/hr of a fluid; `point` a dose given at once.
 */
function encounter(i) {
  const id = String(4100200 + i);
  const day = new Date(Date.UTC(2026, 2, 2 + (i % 20)));
  const setting = i % 5 === 4 ? 'Office' : pick(['Emergency', 'Hospital Outpatient', 'Observation']);
  const s = between(7 * 60, 13 * 60);
  const site = pick(SITES);
  const base = { site, nurse: pick(NURSES) };
  const admins = [];
  const kind = i % 4;
  if (kind === 0) {
    // ED: hydration at a set rate with an antiemetic push; sometimes a second push of the same order later.
    const rate = pick([250, 500]);
    const run = between(60, 150);
    admins.push({ ...base, order: 'A', drug: 'Normal saline 0.9%', rate, start: s, stop: s + run, pauses: [], bags: [1000], unit: 'mL', fluid: true, dx: 'E86.0', nec: 'Dehydration with poor oral intake' });
    admins.push({ ...base, order: 'B', drug: 'ondansetron', point: true, start: s + 10, bags: [4], unit: 'mg', ndc: '0409-4755-03', dx: 'R11.2', nec: 'Nausea and vomiting' });
    if (chance(0.5)) admins.push({ ...base, order: 'B', drug: 'ondansetron', point: true, start: s + run + 45, bags: [4], unit: 'mg', ndc: '0409-4755-03', dx: 'R11.2', nec: 'Nausea returned' });
    if (chance(0.5)) admins.push({ ...base, order: 'C', drug: 'ketorolac', held: true, start: s + 20, bags: [15], unit: 'mg', dx: 'R10.9', nec: 'Abdominal pain' });
  } else if (kind === 1) {
    // Antibiotic piggyback (documented duration or a stop action), hydration running beside it.
    const [drug, amount, unit, ndc, dx, nec] = pick(ANTIBIOTICS);
    const len = pick([30, 45, 60]);
    admins.push({ ...base, order: 'A', drug, start: s, stop: s + len, pauses: [], bags: [amount], unit, ndc, dx, nec, duration: chance(0.5) ? len : null });
    if (chance(0.7)) admins.push({ ...base, order: 'B', drug: 'Lactated Ringers', rate: 125, start: s + len + 5, stop: s + len + 5 + between(70, 140), pauses: [], bags: [1000], unit: 'mL', fluid: true, dx: 'E86.0', nec: 'Dehydration' });
  } else if (kind === 2) {
    // Biologic with a pause and restart (nothing else runs during the pause), then a push.
    const pauseAt = s + between(40, 70);
    const pauseLen = between(10, 30);
    const stop = pauseAt + pauseLen + between(40, 100);
    admins.push({ ...base, order: 'A', drug: 'infliximab', start: s, stop, pauses: [[pauseAt, pauseAt + pauseLen]], bags: [pick([300, 400, 500])], unit: 'mg', ndc: '57894-0030-01', dx: 'K50.90', nec: "Crohn's disease maintenance infusion", rateChangeAt: s + 30 });
    admins.push({ ...base, order: 'B', drug: 'methylprednisolone', point: true, start: stop + 15, bags: [125], unit: 'mg', dx: 'K50.90', nec: 'Infusion reaction prophylaxis' });
  } else {
    // Vancomycin hung as two bags (a bag change), then an IM injection; sometimes an office visit.
    const first = between(60, 70);
    const second = between(50, 70);
    admins.push({ ...base, order: 'A', drug: 'vancomycin', start: s, stop: s + first + second, pauses: [], bags: [1, 1], unit: 'g', bagChangeAt: s + first, dx: 'L03.115', nec: 'MRSA cellulitis right leg' });
    admins.push({ ...base, order: 'B', drug: 'ceftriaxone', point: true, im: true, start: s + first + second + 20, bags: [500], unit: 'mg', ndc: '0409-7332-01', dx: 'A54.9', nec: 'Gonococcal infection' });
  }
  return { id, mrn: `MRN${700 + i}`, day, setting, payer: pick(PAYERS), admins };
}

/** `count` encounters from `seed` (the same seed gives the same encounters). */
function makeEncounters(count, seed) {
  random = rng(seed);
  return Array.from({ length: count }, (_, i) => encounter(i));
}

const pad = (n) => String(n).padStart(2, '0');
const ymd = (day) => `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
const mdy = (day) => `${pad(day.getUTCMonth() + 1)}/${pad(day.getUTCDate())}/${day.getUTCFullYear()}`;
const clock = (m) => `${pad(Math.floor(m / 60) % 24)}:${pad(m % 60)}`;
const at = (day, m) => new Date(day.getTime() + m * 60000);
const paused = (a) => (a.pauses || []).reduce((sum, [f, t]) => sum + (t - f), 0);
const volume = (a) => Math.round((a.rate * (a.stop - a.start - paused(a))) / 60);
/** `0409-4755-03` -> `00409475503`: the unhyphenated 11-digit form some exports use. */
const ndc11 = (ndc) => {
  const [l, p, k] = ndc.split('-');
  return l.padStart(5, '0') + p.padStart(4, '0') + k.padStart(2, '0');
};
const total = (a) => a.bags.reduce((x, y) => x + y, 0);

// ---- flat: one row per administration; paused minutes left out of the stop, a fluid's dose its bag volume.
function flatRows(encounters) {
  const rows = [['Encounter', 'MRN', 'Date', 'Patient Class', 'Payer', 'Drug', 'Dose', 'Route', 'Start', 'Stop', 'Site', 'Dx', 'Necessity', 'Nurse', 'NDC']];
  for (const e of encounters) {
    for (const a of e.admins) {
      if (a.held) continue;
      const route = a.point ? (a.im ? 'IM' : 'IV push') : 'IV infusion';
      const dose = `${total(a)} ${a.unit}`; // a fluid's bag volume, as billed (bags by volume)
      rows.push([e.id, e.mrn, ymd(e.day), e.setting, e.payer, a.drug, dose, route, clock(a.start), a.point ? '' : clock(a.stop - paused(a)), a.im ? 'L deltoid' : a.site, a.dx, a.nec, a.nurse, a.ndc || '']);
    }
  }
  return rows;
}

// ---- Epic MAR_ADMIN_INFO: one row per action, sorted by CSN, order, time.
function epicRows(encounters, dates) {
  const rows = [['PAT_ENC_CSN_ID', 'PAT_MRN_ID', 'PAT_CLASS', 'PAYOR_NAME', 'ORDER_MED_ID', 'LINE', 'DISPLAY_NAME', 'MAR_ACTION_C_NAME', 'TAKEN_TIME', 'ADMIN_DOSAGE', 'DOSE_UNIT', 'INFUSION_RATE', 'MAR_INF_RATE_UNIT', 'MAR_DURATION', 'MAR_DURATION_UNIT', 'ROUTE', 'SITE', 'DX_CODE', 'INDICATION', 'USER_NAME', 'NDC']];
  for (const e of encounters) {
    const actions = [];
    for (const a of e.admins) {
      const order = `${e.id}${a.order}`;
      const act = (m, action, more = {}) => actions.push({ m, order, a, action, ...more });
      const route = a.im ? 'Intramuscular' : 'Intravenous';
      if (a.held) act(a.start, 'Held', { dose: a.bags[0], route });
      else if (a.point) act(a.start, a.im ? 'Given' : 'Push', { dose: a.bags[0], route, ndc: a.ndc });
      else {
        act(a.start, 'New Bag', { dose: a.bags[0], rate: a.rate, route, ndc: a.ndc, duration: a.duration });
        if (a.rateChangeAt) act(a.rateChangeAt, 'Rate Change', { rate: a.rate, route });
        if (a.bagChangeAt) act(a.bagChangeAt, 'New Bag', { dose: a.bags[1], rate: a.rate, route });
        for (const [f, t] of a.pauses) {
          act(f, 'Paused', { route });
          act(t, 'Restarted', { rate: a.rate, route });
        }
        if (!a.duration) act(a.stop, 'Stopped', { route });
      }
    }
    actions.sort((x, y) => (x.order < y.order ? -1 : x.order > y.order ? 1 : x.m - y.m));
    let line = 0;
    let previous = null;
    for (const x of actions) {
      line = x.order === previous ? line + 1 : 1;
      previous = x.order;
      const time = dates ? at(e.day, x.m) : `${mdy(e.day)} ${clock(x.m)}`;
      rows.push([e.id, e.mrn, e.setting, e.payer, x.order, line, x.a.drug, x.action, time, x.dose ?? '', x.dose !== undefined ? x.a.unit : '', x.rate ?? '', x.rate !== undefined ? 'mL/hr' : '', x.duration ?? '', x.duration ? 'minutes' : '', x.route, x.a.im ? 'L deltoid' : x.a.site, x.a.dx, x.a.nec, x.a.nurse, x.ndc ? (dates ? x.ndc : ndc11(x.ndc)) : '']);
    }
  }
  return rows;
}

// ---- Cerner CE_MED_RESULT: IV events, date and time columns, documented infused volumes, rate 0 as the stop.
function cernerRows(encounters) {
  const rows = [['FIN', 'MRN', 'ENCNTR_TYPE_CD', 'Financial Class', 'ORDER_MNEMONIC', 'IV_EVENT_CD', 'Event Date', 'Event Time', 'Dose', 'Dose Unit', 'INFUSION_RATE', 'Rate Unit', 'INFUSED_VOLUME', 'Route', 'Site', 'Diagnosis', 'Reason', 'Performed By']];
  for (const e of encounters) {
    const events = [];
    for (const a of e.admins) {
      if (a.held) continue; // Cerner charts a not-given task elsewhere
      const ev = (m, event, more = {}) => events.push({ m, a, event, ...more });
      const route = a.im ? 'IM' : 'IV';
      if (a.point) ev(a.start, a.im ? 'Administered' : 'Bolus', { dose: a.bags[0], route });
      else if (a.fluid) {
        ev(a.start, 'Begin Bag', { dose: a.bags[0], rate: a.rate, route });
        ev(a.stop, 'Infuse', { volume: volume(a), route });
        ev(a.stop, 'Rate Change', { rate: 0, route });
      } else {
        ev(a.start, 'Begin Bag', { dose: a.bags[0], rate: 100, route });
        if (a.bagChangeAt) ev(a.bagChangeAt, 'Begin Bag', { dose: a.bags[1], rate: 100, route });
        for (const [f, t] of a.pauses) {
          ev(f, 'Paused', { route });
          ev(t, 'Restarted', { route });
        }
        ev(a.stop, 'Infusion Complete', { route });
      }
    }
    events.sort((x, y) => x.m - y.m);
    for (const x of events) {
      rows.push([e.id, e.mrn, e.setting, e.payer, x.a.drug, x.event, mdy(e.day), clock(x.m), x.dose ?? '', x.dose !== undefined ? x.a.unit : '', x.rate ?? '', x.rate !== undefined ? 'mL/hr' : '', x.volume ?? '', x.route, x.a.im ? 'L deltoid' : x.a.site, x.a.dx, x.a.nec, x.a.nurse]);
    }
  }
  return rows;
}

// ---- FHIR R4: the running period of each administration (a pause is not expressible in one period).
function fhirResources(encounters) {
  const out = [];
  const offset = (day, m) => `${ymd(day)}T${clock(m)}:00-05:00`;
  for (const e of encounters) {
    out.push({ resourceType: 'Patient', id: `pt-${e.mrn}`, identifier: [{ system: 'urn:oid:1.2.3.4', value: e.mrn }] });
    const cls = e.setting === 'Emergency' ? 'EMER' : e.setting === 'Observation' ? 'OBSENC' : 'AMB';
    const encounterResource = { resourceType: 'Encounter', id: `enc-${e.id}`, identifier: [{ value: e.id }], status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: cls } };
    if (e.setting === 'Office') encounterResource.type = [{ text: 'Physician office visit' }];
    if (e.setting === 'Hospital Outpatient') encounterResource.type = [{ text: 'Hospital outpatient infusion' }];
    out.push(encounterResource);
    out.push({ resourceType: 'Coverage', id: `cov-${e.id}`, status: 'active', beneficiary: { reference: `Patient/pt-${e.mrn}` }, payor: [{ display: e.payer }] });
    e.admins.forEach((a, n) => {
      const id = `ma-${e.id}-${n}`;
      const drug = { text: a.drug, coding: a.ndc ? [{ system: 'http://hl7.org/fhir/sid/ndc', code: a.ndc }] : [] };
      const ma = {
        resourceType: 'MedicationAdministration',
        id,
        status: a.held ? 'not-done' : 'completed',
        subject: { reference: `Patient/pt-${e.mrn}` },
        context: { reference: `Encounter/enc-${e.id}` },
        performer: [{ actor: { display: a.nurse } }],
        reasonCode: [{ text: a.nec, coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: a.dx }] }],
        dosage: {
          site: { text: a.im ? 'L deltoid' : a.site },
          route: { coding: [{ system: 'http://snomed.info/sct', code: a.im ? '78421000' : '47625008' }] },
          method: { text: a.point ? (a.im ? 'injection' : 'push') : 'infusion' },
          dose: { value: total(a), unit: a.unit }, // a fluid's bag volume
          ...(a.fluid ? { rateQuantity: { value: a.rate, unit: 'mL/h' } } : {}),
        },
      };
      if (a.point) ma.effectiveDateTime = offset(e.day, a.start);
      else ma.effectivePeriod = { start: offset(e.day, a.start), end: offset(e.day, a.stop - paused(a)) };
      // Every third administration names its drug through a Medication (contained or in the bundle).
      if (n % 3 === 2) {
        delete ma.medicationCodeableConcept;
        if (n % 2 === 0) {
          ma.contained = [{ resourceType: 'Medication', id: 'med', code: drug }];
          ma.medicationReference = { reference: '#med' };
        } else {
          out.push({ resourceType: 'Medication', id: `med-${id}`, code: drug });
          ma.medicationReference = { reference: `Medication/med-${id}` };
        }
      } else ma.medicationCodeableConcept = drug;
      out.push(ma);
    });
  }
  return out;
}

function csv(rows) {
  const cell = (v) => {
    const s = v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ') : String(v ?? '');
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

async function xlsx(file, sheet, rows) {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2026, 2, 1)); // the same bytes every run
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r.map((v) => (v === '' ? null : v)));
  ws.getRow(1).font = { bold: true };
  await wb.xlsx.writeFile(file);
}

async function main() {
  const encounters = makeEncounters(COUNT, Number(process.argv[4] || 20260311));
  fs.mkdirSync(OUT, { recursive: true });
  const flat = flatRows(encounters);
  await xlsx(path.join(OUT, 'flat.xlsx'), 'Administrations', flat);
  await xlsx(path.join(OUT, 'epic-mar.xlsx'), 'MAR_ADMIN_INFO', epicRows(encounters, true));
  fs.writeFileSync(path.join(OUT, 'epic-mar.csv'), csv(epicRows(encounters, false)));
  const cerner = cernerRows(encounters);
  await xlsx(path.join(OUT, 'cerner-mar.xlsx'), 'CE_MED_RESULT', cerner);
  fs.writeFileSync(path.join(OUT, 'cerner-mar.csv'), csv(cerner));
  const resources = fhirResources(encounters);
  fs.writeFileSync(path.join(OUT, 'fhir-bundle.json'), JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) }, null, 1) + '\n');
  fs.writeFileSync(path.join(OUT, 'fhir-export.ndjson'), resources.map((r) => JSON.stringify(r)).join('\n') + '\n');
  process.stdout.write(`wrote ${encounters.length} encounters (${flat.length - 1} administrations) in 5 shapes to ${OUT}\n`);
}

module.exports = { makeEncounters, flatRows, epicRows, cernerRows, fhirResources };

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
  });
}
