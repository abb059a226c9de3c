#!/usr/bin/env node
/**
 * Writes examples/infusions.xlsx: a realistic infusion-center log for trying the command line and the add-in.
 * About 60 encounters in January-March 2026, hospital outpatient/ED and physician office, five payers, a title above
 * the header, real Excel date and time cells mixed with text times (`9:30 AM`, `0930`), brand names, a few
 * typos, the package NDC of most drug lines (real NDCs, sources beside NDC below) and some deliberate
 * documentation gaps. Deterministic: the same seed gives the same rows.
 *
 * Usage: node scripts/make-sample.js [OUTPUT.xlsx]      (npm run sample)
 */
'use strict';
const path = require('path');
const fs = require('fs');
const ExcelJS = require('exceljs');
const { unzipSync, zipSync } = require('fflate');

const OUT = process.argv[2] || path.join(__dirname, '..', 'examples', 'infusions.xlsx');
const SEED = 20260302;

const { rng } = require('./rng');
const random = rng(SEED);
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const FIRST = ['Maria', 'James', 'Linda', 'Robert', 'Patricia', 'Michael', 'Barbara', 'William', 'Elizabeth', 'David',
  'Jennifer', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy',
  'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Dorothy', 'Donald', 'Sandra', 'Steven'];
const LAST = ['Garcia', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker'];
const PAYERS = ['Medicare', 'Aetna', 'BCBS', 'Medicaid', 'UnitedHealthcare'];
const PROVIDERS = ['Dr. Anita Patel', 'Dr. Marcus Chen', 'Dr. Sofia Ramirez', "Dr. James O'Neill", 'Dr. Helen Park'];
const NURSES = ['K. Brooks RN', 'L. Nguyen RN', 'M. Okafor RN', 'T. Walsh RN', 'R. Alvarez RN', 'S. Kim RN'];
const SITES = ['L forearm', 'R forearm', 'L antecubital', 'R antecubital', 'L hand', 'R hand'];

/**
 * Encounter templates. Each returns lines with times in minutes after midnight of the date of service
 * (a stop past 1440 crossed midnight). `facility` / `office` say where the template is used.
 */
const T = {
  hydration: (s) => [
    { drug: pick(['Normal saline 1000 mL', 'NS', '0.9% NaCl']), dose: '1000 mL', route: 'IV infusion', purpose: 'Hydration',
      start: s, stop: s + between(95, 185), dx: 'E86.0', nec: 'Dehydration, poor oral intake for 3 days, orthostatic' },
    { drug: 'ondansetron', dose: '4 mg', route: 'IV push', purpose: 'Therapeutic', start: s + 10, stop: null, dx: 'R11.2',
      nec: 'Nausea and vomiting, unable to keep fluids down' },
    ...(chance(0.5)
      ? [{ drug: 'Lactated Ringers', dose: '1000 mL', route: 'IV infusion', purpose: 'Hydration', start: s + 190,
        stop: s + 190 + between(45, 90), dx: 'E86.0', nec: 'Still orthostatic after first liter' }]
      : []),
  ],
  antibiotic: (s) => {
    const drug = pick([
      ['ceftriaxone', '1 g', 'N39.0', 'Pyelonephritis, vomiting, unable to take oral antibiotics'],
      ['Rocephin', '2 g', 'L03.115', 'Cellulitis right lower leg failing oral cephalexin'],
      ['cefazolin', '2 g', 'L03.116', 'Cellulitis left lower leg, outpatient IV therapy'],
      ['Zosyn', '3.375 g', 'J18.9', 'Community-acquired pneumonia, step-down IV therapy'],
      ['ertapenem', '1 g', 'N39.0', 'ESBL urinary tract infection'],
      ['levofloxacin', '750 mg', 'J18.9', 'Pneumonia, penicillin allergy'],
    ]);
    const len = between(25, 65);
    const lines = [{ drug: drug[0], dose: drug[1], route: pick(['IVPB', 'IV infusion', 'IV piggyback']),
      purpose: 'Therapeutic', start: s, stop: s + len, dx: drug[2], nec: drug[3] }];
    if (chance(0.5)) {
      lines.push({ drug: pick(['Zofran', 'ondansetron']), dose: '4 mg', route: 'IV push', purpose: 'Therapeutic',
        start: s - 10, stop: null, dx: 'R11.0', nec: 'Nausea with antibiotic infusions' });
    }
    if (chance(0.9)) {
      lines.push({ drug: 'NS 500 mL', dose: '500 mL', route: 'IV infusion', purpose: 'Hydration',
        start: s + len + 5, stop: s + len + 5 + between(35, 75), dx: 'E86.0', nec: 'Dehydration with tachycardia' });
    }
    return lines;
  },
  vancomycin: (s) => [
    { drug: pick(['vancomycin', 'Vancocin', 'Vancomicin']), dose: pick(['1 g', '1.25 g', '1,500 mg', '1.75 g']),
      route: 'IV infusion', purpose: 'Therapeutic', start: s, stop: s + pick([61, 90, 91, 120, 151]), dx: 'L03.115',
      nec: 'MRSA cellulitis, day 3 of 7 of IV vancomycin' },
    { drug: 'Ofirmev', dose: '1000 mg', route: 'IV infusion', purpose: 'Therapeutic', start: s - 25, stop: s - 10,
      dx: 'R50.9', nec: 'Fever 39.1 C, unable to take oral medication' },
    { drug: 'NS 250 mL', dose: '250 mL', route: 'IV', purpose: 'KVO', start: s - 25, stop: s + 160, dx: 'L03.115',
      nec: 'KVO between medications' },
  ],
  edNausea: (s) => [
    { drug: pick(['ondansetron', 'Zofran', 'Ondansteron']), dose: '4 mg', route: 'IV push', purpose: 'Therapeutic',
      start: s, stop: null, dx: 'R11.2', nec: 'Intractable nausea and vomiting' },
    { drug: pick(['ketorolac', 'Toradol']), dose: '30 mg', route: 'IVP', purpose: 'Therapeutic', start: s + 10, stop: null,
      dx: 'R10.9', nec: 'Abdominal pain 8/10' },
    { drug: 'Normal saline 1000 mL', dose: '1000 mL', route: 'IV infusion', purpose: 'Hydration', start: s + 5,
      stop: s + between(70, 130), dx: 'E86.0', nec: 'Dehydration from vomiting, dry mucosa' },
    { drug: pick(['famotidine', 'Pepcid']), dose: '20 mg', route: 'IV push', purpose: 'Therapeutic', start: s + 40,
      stop: null, dx: 'K29.70', nec: 'Epigastric pain, suspected gastritis' },
    { drug: pick(['morphine sulfate', 'Dilaudid']), dose: pick(['4 mg', '1 mg']), route: 'IV push', purpose: 'Therapeutic',
      start: s + 75, stop: null, dx: 'R10.9', nec: 'Abdominal pain persists after ketorolac' },
  ],
  iron: (s, ctx) => [
    { drug: pick(['iron sucrose', 'Venofer']), dose: '200 mg', waste: ctx.waste, route: 'IV infusion',
      purpose: 'Therapeutic', start: s, stop: s + between(20, 35), dx: 'D50.0',
      nec: 'Iron deficiency anemia, intolerant of oral iron, ferritin 8' },
    { drug: 'NS 250 mL', dose: '250 mL KVO', route: 'IV', purpose: 'KVO', start: s - 5, stop: s + 45, dx: 'D50.0',
      nec: 'Keep vein open for iron infusion' },
    ...(chance(0.4)
      ? [{ drug: 'diphenhydramine', dose: '25 mg', route: 'IV push', purpose: 'Premedication', start: s - 10, stop: null,
        dx: 'D50.0', nec: 'Prior infusion reaction (hives) to iron' }]
      : []),
  ],
  injectafer: (s, ctx) => [
    { drug: 'Injectafer', dose: '750 mg', waste: ctx.waste, route: 'IV infusion', purpose: 'Therapeutic', start: s,
      stop: s + between(16, 25), dx: 'D50.9', nec: 'Iron deficiency anemia, failed oral iron' },
    { drug: 'normal saline', dose: '100 mL', route: 'IV', purpose: 'Flush', start: s + 26, stop: s + 31, dx: 'D50.9',
      nec: 'Line flush after Injectafer' },
  ],
  remicade: (s, ctx) => [
    { drug: 'acetaminophen', dose: '650 mg', route: 'PO', purpose: 'Premedication', start: s, stop: null, dx: 'K50.90',
      nec: 'Premedication before infliximab' },
    { drug: pick(['Benadryl', 'diphenhydramine']), dose: '25 mg', route: 'IV push', purpose: 'Premedication', start: s + 5,
      stop: null, dx: 'K50.90', nec: 'Premedication before infliximab' },
    { drug: pick(['Remicade', 'infliximab', 'Inflectra']), dose: ctx.medicare ? '350 mg' : '400 mg',
      waste: ctx.medicare ? '50 mg' : '', route: 'IV infusion', purpose: 'Biologic', start: s + 20,
      stop: s + 20 + pick([120, 135, 150, 155]), dx: pick(['K50.90', 'K51.90', 'M05.79']),
      nec: 'Maintenance infliximab every 8 weeks, moderate-severe disease' },
    { drug: 'NS 250 mL', dose: '250 mL', route: 'IV', purpose: 'KVO', start: s + 5, stop: s + 185, dx: 'K50.90',
      nec: 'KVO for infliximab' },
  ],
  chemo: (s) => {
    const pacli = between(180, 190);
    return [
      { drug: 'dexamethasone', dose: '12 mg', route: 'IV push', purpose: 'Premed', start: s, stop: null, dx: 'C50.911',
        nec: 'Premedication for paclitaxel hypersensitivity' },
      { drug: 'Zofran', dose: '16 mg in 50 mL NS', route: 'IVPB', purpose: 'Antiemetic', start: s + 5, stop: s + 20,
        dx: 'C50.911', nec: 'Prevention of chemotherapy-induced nausea' },
      { drug: pick(['paclitaxel', 'Taxol']), dose: '300 mg', route: 'IV infusion', purpose: 'Chemotherapy', start: s + 30,
        stop: s + 30 + pacli, dx: 'C50.911', nec: 'Breast cancer, cycle 3 of 6, weekly paclitaxel' },
      { drug: 'carboplatin', dose: '450 mg', route: 'IV infusion', purpose: 'Chemotherapy', start: s + 35 + pacli,
        stop: s + 35 + pacli + between(30, 45), dx: 'C50.911', nec: 'Breast cancer, carboplatin AUC 5' },
      { drug: 'NS 250 mL', dose: '250 mL at 20 mL/hr', route: 'IV', purpose: 'KVO', start: s, stop: s + 40 + pacli + 45,
        site: 'port', dx: 'C50.911', nec: 'KVO' },
    ];
  },
  ivig: (s, ctx) => [
    { drug: pick(['Privigen', 'Gammagard Liquid', 'IVIG Gamunex-C']), dose: '30 g', waste: ctx.medicare ? '0' : '',
      route: 'IV infusion', purpose: 'Therapeutic', start: s, stop: s + between(200, 260), dx: 'D80.1',
      nec: 'Primary hypogammaglobulinemia, IgG 310, recurrent pneumonias' },
    { drug: 'acetaminophen', dose: '650 mg', route: 'PO', purpose: 'Premedication', start: s - 30, stop: null, dx: 'D80.1',
      nec: 'Premedication before IVIG' },
    { drug: 'Benadryl', dose: '25 mg', route: 'IV push', purpose: 'Premedication', start: s - 20, stop: null, dx: 'D80.1',
      nec: 'Premedication before IVIG, prior headache and chills' },
    { drug: 'NS 250 mL', dose: '250 mL at 25 mL/hr', route: 'IV', purpose: 'KVO', start: s - 20, stop: s + 270, dx: 'D80.1',
      nec: 'Keep vein open' },
  ],
  twoSites: (s) => [
    { drug: 'vancomycin', dose: '1.25 g', route: 'IV infusion', purpose: 'Therapeutic', start: s, stop: s + 95,
      site: 'L forearm', dx: 'A41.9', nec: 'Sepsis, blood cultures pending' },
    { drug: 'potassium chloride', dose: '20 mEq KCl / 1000 mL', route: 'IV infusion', purpose: 'Therapeutic',
      start: s + 15, stop: s + 135, site: 'R hand', dx: 'E87.6', nec: 'Hypokalemia, K 2.9, incompatible with vancomycin line' },
    { drug: 'Zofran', dose: '4 mg', route: 'IV push', purpose: 'Therapeutic', start: s + 100, stop: null, site: 'L forearm',
      dx: 'R11.2', nec: 'Vomiting' },
  ],
  midnight: () => [
    { drug: 'Normal saline 1000 mL', dose: '1000 mL', route: 'IV infusion', purpose: 'Hydration', start: 23 * 60 + 10,
      stop: 24 * 60 + 65, dx: 'E86.0', nec: 'Dehydration, lactate 3.1' },
    { drug: 'morphine', dose: '4 mg', route: 'IV push', purpose: 'Therapeutic', start: 23 * 60 + 20, stop: null,
      dx: 'S82.201A', nec: 'Tibial fracture pain 9/10' },
    { drug: 'ceftriaxone', dose: '1 g', route: 'IVPB', purpose: 'Therapeutic', start: 23 * 60 + 40, stop: 24 * 60 + 12,
      dx: 'N39.0', nec: 'Urosepsis, first dose in ED' },
    { drug: 'Zofran', dose: '4 mg', route: 'IV push', purpose: 'Therapeutic', start: 24 * 60 + 30, stop: null, dx: 'R11.2',
      nec: 'Nausea after morphine' },
  ],
  sequential: (s) => [
    { drug: 'piperacillin-tazobactam', dose: '4.5 g', route: 'IV infusion', purpose: 'Therapeutic', start: s, stop: s + 30,
      dx: 'K65.9', nec: 'Intra-abdominal infection' },
    { drug: 'Merrem', dose: '1 g', route: 'IV infusion', purpose: 'Therapeutic', start: s + 35, stop: s + 95,
      dx: 'K65.9', nec: 'Intra-abdominal infection, anaerobic coverage' },
    { drug: 'Protonix', dose: '40 mg', route: 'IV push', purpose: 'Therapeutic', start: s + 100, stop: null, dx: 'K21.9',
      nec: 'GERD, NPO' },
    { drug: 'NS 1000 mL', dose: '1000 mL', route: 'IV infusion', purpose: 'Hydration', start: s + 105, stop: s + 105 + between(60, 130),
      dx: 'E86.0', nec: 'Dehydration, NPO, BUN 38' },
  ],
  magnesium: (s) => [
    { drug: 'magnesium sulfate', dose: '2 g in 50 mL', route: 'IV infusion', purpose: 'Electrolyte replacement', start: s,
      stop: s + 60, dx: 'E83.42', nec: 'Hypomagnesemia, Mg 1.2' },
    { drug: 'Pepcid', dose: '20 mg', route: 'IV push', purpose: 'Therapeutic', start: s + 65, stop: null, dx: 'K21.9',
      nec: 'Reflux, NPO' },
    { drug: 'KCl', dose: '20 mEq in 100 mL', route: 'IV infusion', purpose: 'Electrolyte replacement', start: s + 70,
      stop: s + 130, dx: 'E87.6', nec: 'Hypokalemia, K 3.0' },
  ],
  officeInfusion: (s) => [
    { drug: pick(['Rocephin', 'ceftriaxone']), dose: '1 g', route: 'IV infusion', purpose: 'Therapeutic', start: s,
      stop: s + between(30, 45), dx: 'J01.90', nec: 'Acute sinusitis, failed two oral antibiotics', primary: 'Y' },
    { drug: 'Zofran', dose: '4 mg', route: 'IV push', purpose: 'Therapeutic', start: s + 50, stop: null, dx: 'R11.0',
      nec: 'Nausea' },
    { drug: 'NS', dose: '1000 mL', route: 'IV infusion', purpose: 'Hydration', start: s + 55, stop: s + 55 + between(40, 100),
      dx: 'E86.0', nec: 'Mild dehydration, poor oral intake' },
  ],
  officeReclast: (s, ctx) => [
    { drug: pick(['Reclast', 'zoledronic acid']), dose: '5 mg', waste: ctx.medicare ? '0' : '', route: 'IV infusion',
      purpose: 'Therapeutic', start: s, stop: s + between(30, 40), dx: 'M81.0', nec: 'Postmenopausal osteoporosis, T-score -3.1',
      primary: 'Y' },
    { drug: 'NS', dose: '500 mL', route: 'IV infusion', purpose: 'Hydration', start: s + 45, stop: s + 45 + between(31, 60),
      dx: 'M81.0', nec: 'Post-infusion hydration per protocol' },
  ],
  injections: (s, ctx) => {
    const list = [
      { drug: 'ceftriaxone', dose: '500 mg', route: 'IM', purpose: 'Therapeutic', dx: 'A54.9', nec: 'Gonorrhea, CDC regimen' },
      { drug: pick(['B12', 'cyanocobalamin']), dose: '1000 mcg', route: 'IM', purpose: 'Therapeutic', dx: 'D51.0',
        nec: 'Pernicious anemia, monthly B12' },
      { drug: 'Prolia', dose: '60 mg', waste: ctx.medicare ? '0' : '', route: 'SQ', purpose: 'Therapeutic', dx: 'M81.0',
        nec: 'Osteoporosis, every 6 months' },
      { drug: 'Phenergan', dose: '25 mg', route: 'IM', purpose: 'Therapeutic', dx: 'R11.2', nec: 'Nausea and vomiting' },
      { drug: 'Neulasta', dose: '6 mg', waste: ctx.medicare ? '0' : '', route: 'subcut', purpose: 'Therapeutic', dx: 'D70.1',
        nec: 'Neutropenia prophylaxis after chemotherapy' },
    ];
    const n = between(2, 3);
    const out = [];
    for (let i = 0; i < n; i++) out.push({ ...pick(list), start: s + i * 15, stop: null });
    return out;
  },
};

/**
 * Package NDCs of the products the sample gives, as printed on the package (the 10-digit labeler-product-package
 * form), each from the FDA NDC Directory (openFDA api.fda.gov/drug/ndc.json) or the product's label (DailyMed
 * and the pages quoting its "How Supplied"), looked up 2026. A brand name charted by the nurse gets the product
 * the pharmacy stocks (a generic where the row names one). No NDC was found for Gamunex-C and Protonix I.V.
 * (labels without package codes in the sources) and none is recorded for oral acetaminophen (not billed), so
 * those rows have none.
 */
const NDC = {
  // 0.9% sodium chloride: B. Braun 0264-5802 (openFDA product_ndc 0264-5802): -00 12 x 1000 mL, -10 24 x 500 mL;
  // Fresenius 63323-623 (openFDA package_ndc 63323-623-74): -74 250 mL bag, -61 100 mL bag.
  ns1000: '0264-5802-00',
  ns500: '0264-5802-10',
  ns250: '63323-623-74',
  ns100: '63323-623-61',
  // Lactated Ringer's, Fresenius 63323-164-76, 10 x 1000 mL (ndclist.com/ndc/63323-164).
  lr1000: '63323-164-76',
  // Ondansetron 2 mg/mL: Hikma 0641-6078-25, 25 x 2 mL (openFDA product_ndc 0641-6078); West-Ward 0143-9890-01,
  // 20 mL multi-dose vial for the 16 mg dose (openFDA product_ndc 0143-9890).
  ondansetron: '0641-6078-25',
  ondansetron20ml: '0143-9890-01',
  // Ceftriaxone: Baxter Galaxy premix 1 g/50 mL 0338-5002-41 and 2 g/50 mL 0338-5003-41 (Baxter label, medlibrary.org
  // ceftriaxone-27; openFDA package_ndc 0338-5003-41); WG Critical Care 500 mg vial 44567-700-25 (openFDA).
  ceftriaxone1g: '0338-5002-41',
  ceftriaxone2g: '0338-5003-41',
  ceftriaxone500mg: '44567-700-25',
  // Zosyn pharmacy bulk package 0206-2416-01 (DailyMed setid 23b0efbd-88e6-a8eb-b954-67c3e16846ba).
  zosyn: '0206-2416-01',
  // Ertapenem 1 g, Endo 42023-221-85 (DailyMed setid 41304b1d-7db4-468a-ab1d-04e56fb50de4).
  ertapenem: '42023-221-85',
  // Levofloxacin 25 mg/mL x 30 mL (750 mg), AuroMedics 55150-157-30 (realvalueproducts.com, NDC 55150-0157-30).
  levofloxacin: '55150-157-30',
  // Vancomycin 10 g pharmacy bulk package, Mylan 67457-342-10 (openFDA package_ndc 67457-342-10).
  vancomycin: '67457-342-10',
  // Acetaminophen injection 1000 mg/100 mL, Hikma 24201-110-24 (ndclist.com/ndc/24201-110).
  acetaminophenIv: '24201-110-24',
  // Ketorolac 30 mg/mL, Fresenius 63323-162-01, 25 x 1 mL (openFDA package_ndc 63323-162-01).
  ketorolac: '63323-162-01',
  // Famotidine 20 mg/2 mL, Hikma 0641-6022-25 (Hikma label, realvalueproducts.com famotidine page).
  famotidine: '0641-6022-25',
  // Morphine 10 mg/10 mL, Hospira 0409-3815-12 (pfizermedicalinformation.com, morphine How Supplied).
  morphine: '0409-3815-12',
  // Hydromorphone 1 mg/mL syringes, Hikma 0641-6169-10 (openFDA product_ndc 0641-6169).
  hydromorphone: '0641-6169-10',
  // Venofer 100 mg/5 mL, 10 vials, American Regent 0517-2340-10 (openFDA package_ndc 0517-2340-10).
  ironSucrose: '0517-2340-10',
  // Injectafer 750 mg/15 mL, 0517-0650-01 (injectaferhcp.com, billing and coding FAQ).
  injectafer: '0517-0650-01',
  // Diphenhydramine 50 mg/mL, Hikma 0641-0376-25 (openFDA product_ndc 0641-0376).
  diphenhydramine: '0641-0376-25',
  // Remicade 100 mg 57894-030-01 (label section 16, medlibrary.org remicade); Janssen unbranded infliximab
  // 57894-160-01 (openFDA package_ndc 57894-160-01).
  remicade: '57894-030-01',
  infliximab: '57894-160-01',
  // Dexamethasone 10 mg/mL, Fresenius 63323-506-16, 25 x 1 mL (label, medlibrary.org dexamethasone-sodium-phosphate-29).
  dexamethasone: '63323-506-16',
  // Paclitaxel 300 mg/50 mL, Fresenius 63323-763-50 (openFDA package_ndc 63323-763-16 lists -50).
  paclitaxel: '63323-763-50',
  // Carboplatin 450 mg/45 mL, Hospira 61703-339-50 (openFDA package_ndc 61703-339-22 lists -50).
  carboplatin: '61703-339-50',
  // Privigen 10 g (the label lists 44206-436-05, -437-10, -438-20, -439-40 for its 5, 10, 20 and 40 g vials;
  // DailyMed setid 7e5649da-75be-4a42-8eeb-4aeba562c401).
  privigen: '44206-437-10',
  // Gammagard Liquid 10 g/100 mL 0944-2700-05 (label How Supplied table, edrugswiki.com gammagard-liquid).
  gammagard: '0944-2700-05',
  // Potassium chloride 20 mEq/L in 0.9% NaCl 1000 mL, Baxter 0338-0691-04 (ndclist.com/ndc/0338-0691); potassium
  // chloride concentrate 20 mEq/10 mL, Hospira 0409-6651-06 (Hospira label, myhealthbox.eu).
  kclInNs: '0338-0691-04',
  kclConcentrate: '0409-6651-06',
  // Meropenem 1 g, Eugia 55150-208-30 (openFDA package_ndc 55150-208-30).
  meropenem: '55150-208-30',
  // Magnesium sulfate 2 g/50 mL, Hospira 0409-6729-24 (pfizermedical.com magnesium sulfate How Supplied).
  magnesium: '0409-6729-24',
  // Reclast 5 mg/100 mL, Novartis 0078-0435-61 (ndclist.com/ndc/0078-0435).
  reclast: '0078-0435-61',
  // Cyanocobalamin 1000 mcg/mL, Hikma 0143-9621-25, 25 x 1 mL (Hikma label, myhealthbox.eu).
  cyanocobalamin: '0143-9621-25',
  // Prolia 60 mg/mL syringe, Amgen 55513-710-01 (DailyMed setid 49e5afe9-a0c7-40c4-af9f-f287a80c5c88).
  prolia: '55513-710-01',
  // Phenergan 25 mg/mL, Hikma 0641-6084-25 (DailyMed setid 481866da-a712-48a5-853f-8e84aacaab6d).
  phenergan: '0641-6084-25',
  // Neulasta 6 mg/0.6 mL syringe, Amgen 55513-190-01 (DailyMed setid fdfe5d72-6b80-435a-afa4-c5d74dd852ce).
  neulasta: '55513-190-01',
};

/** The NDC of the package a line's drug came from, by the charted name and dose; null when the sample has none. */
function ndcOf(line) {
  const drug = line.drug.toLowerCase();
  const dose = line.dose.toLowerCase();
  const ml = Number((/(\d+)\s*ml/.exec(dose) || [])[1]);
  if (/^(ns|normal saline|0\.9% nacl)\b/.test(drug)) {
    const bag = Number((/(\d+)\s*ml/.exec(drug) || [])[1]) || ml;
    return { 1000: NDC.ns1000, 500: NDC.ns500, 250: NDC.ns250, 100: NDC.ns100 }[bag] || null;
  }
  if (/lactated ringer/.test(drug)) return NDC.lr1000;
  if (/ondans|zofran/.test(drug)) return /16 mg/.test(dose) ? NDC.ondansetron20ml : NDC.ondansetron;
  if (/ceftriaxone|rocephin/.test(drug)) return { '500 mg': NDC.ceftriaxone500mg, '1 g': NDC.ceftriaxone1g, '2 g': NDC.ceftriaxone2g }[dose] || null;
  const byName = [
    [/zosyn|piperacillin/, NDC.zosyn], [/ertapenem/, NDC.ertapenem], [/levofloxacin/, NDC.levofloxacin],
    [/vanco/, NDC.vancomycin], [/ofirmev/, NDC.acetaminophenIv], [/ketorolac|toradol/, NDC.ketorolac],
    [/famotidine|pepcid/, NDC.famotidine], [/morphine/, NDC.morphine], [/dilaudid/, NDC.hydromorphone],
    [/iron sucrose|venofer/, NDC.ironSucrose], [/injectafer/, NDC.injectafer], [/diphenhydramine|benadryl/, NDC.diphenhydramine],
    [/remicade/, NDC.remicade], [/^infliximab/, NDC.infliximab], [/dexamethasone/, NDC.dexamethasone],
    [/paclitaxel|taxol/, NDC.paclitaxel], [/carboplatin/, NDC.carboplatin], [/privigen/, NDC.privigen],
    [/gammagard/, NDC.gammagard], [/potassium chloride/, NDC.kclInNs], [/^kcl/, NDC.kclConcentrate],
    [/merrem/, NDC.meropenem], [/magnesium/, NDC.magnesium], [/reclast|zoledronic/, NDC.reclast],
    [/b12|cyanocobalamin/, NDC.cyanocobalamin], [/prolia/, NDC.prolia], [/phenergan/, NDC.phenergan], [/neulasta/, NDC.neulasta],
  ];
  const hit = byName.find(([pattern]) => pattern.test(drug));
  return hit ? hit[1] : null;
}

/** The 11-digit 5-4-2 claim form without hyphens (`0641-6078-25` -> `00641607825`), as the office's billing system exports it. */
function claimForm(ndc) {
  const [labeler, product, pack] = ndc.split('-');
  return labeler.padStart(5, '0') + product.padStart(4, '0') + pack.padStart(2, '0');
}

const FACILITY = ['hydration', 'antibiotic', 'vancomycin', 'edNausea', 'iron', 'injectafer', 'remicade', 'chemo', 'ivig',
  'twoSites', 'midnight', 'sequential', 'magnesium', 'injections'];
const OFFICE = ['officeInfusion', 'officeReclast', 'injections', 'iron', 'antibiotic', 'hydration', 'remicade'];
const FACILITY_TEXT = ['HOPD', 'Hospital outpatient', 'POS 22', 'ED', 'Facility'];
const OFFICE_TEXT = ['Office', 'POS 11', 'Physician office'];

const ENCOUNTERS = 62;
const TITLE = 'Riverside Health - Infusion & Injection Administration Log';
const HEADERS = ['Visit #', 'MRN', 'Pt Name', 'Date of Service', 'Place of Service', 'Payer', 'Drug/Solution', 'NDC', 'Dose',
  'Waste', 'Admin Route', 'Infusion Type', 'Start Time', 'Stop Time', 'IV Site', 'ICD10 Code', 'Medical Necessity',
  'Primary', 'Ordering Provider', 'Administered By', 'Chair'];

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** A time in one of the shapes real logs hold: an Excel time cell, `9:30 AM`, `0930` or `09:30`. */
function timeCell(minutes) {
  const m = ((minutes % 1440) + 1440) % 1440;
  const h = Math.floor(m / 60);
  const mm = m % 60;
  const r = random();
  // An Excel time cell holds the fraction of a day; written as that number, exactly as Excel stores it.
  if (r < 0.5) return { value: (h * 60 + mm) / 1440, numFmt: 'h:mm AM/PM' };
  if (r < 0.7) return { value: `${((h + 11) % 12) + 1}:${pad(mm)} ${h < 12 ? 'AM' : 'PM'}` };
  if (r < 0.85) return { value: `${pad(h)}${pad(mm)}` };
  return { value: `${pad(h)}:${pad(mm)}` };
}

function dateCell(month, day) {
  if (chance(0.85)) return { value: new Date(Date.UTC(2026, month - 1, day)), numFmt: 'm/d/yyyy' };
  return { value: `${month}/${day}/2026` };
}

function build() {
  const rows = [];
  const gaps = [];
  const usedNames = new Set();
  for (let e = 0; e < ENCOUNTERS; e++) {
    const office = e % 4 === 3;
    const template = office ? OFFICE[Math.floor(e / 4) % OFFICE.length] : FACILITY[(e - Math.floor(e / 4)) % FACILITY.length];
    const payer = e % 5 === 0 || e % 7 === 0 ? 'Medicare' : pick(PAYERS);
    const medicare = payer === 'Medicare';
    // Medicare single-dose drugs: waste documented (0 or an amount), except a few deliberate gaps.
    const waste = medicare ? (chance(0.2) ? '' : pick(['0', '0', '0', '20 mg'])) : '';
    // Three months of service dates (January-March 2026), so the managers' report shows a trend.
    const month = 1 + Math.floor((e * 3) / ENCOUNTERS);
    const day = 2 + (e % 27);
    const start = (8 * 60) + between(0, 16) * 15 + between(0, 4);
    let name;
    do name = `${pick(LAST)}, ${pick(FIRST)}`; while (usedNames.has(name));
    usedNames.add(name);
    const enc = {
      visit: `V26${pad(month)}${pad(day)}${pad(e + 1, 3)}`,
      mrn: `MRN${100230 + e * 37}`,
      name,
      month,
      day,
      setting: office ? pick(OFFICE_TEXT) : template === 'midnight' || template === 'edNausea' ? 'ED' : pick(FACILITY_TEXT),
      payer,
      provider: pick(PROVIDERS),
      nurse: pick(NURSES),
      site: pick(SITES),
      chair: `Chair ${between(1, 12)}`,
    };
    for (const line of T[template](start, { medicare, waste })) rows.push({ enc, line, template });
  }

  // Deliberate documentation gaps, each on a different row (the findings the coded copy should show).
  const byTemplate = (names) => rows.filter((r) => names.includes(r.template));
  const infusions = rows.filter((r) => r.line.stop !== null && /infusion|IVPB/i.test(r.line.route) && r.line.purpose !== 'KVO');
  const take = (list, n, why, apply) => {
    let done = 0;
    for (const r of list) {
      if (done >= n) break;
      if (r.gap) continue;
      r.gap = why;
      apply(r.line, r);
      gaps.push(why);
      done++;
    }
  };
  take(infusions.filter((_, i) => i % 9 === 4), 3, 'missing stop time', (l) => { l.stop = null; });
  take(rows.filter((_, i) => i % 23 === 11), 3, 'missing medical necessity', (l) => { l.nec = ''; });
  take(rows.filter((_, i) => i % 31 === 17), 2, 'ICD-9 code', (l) => { l.dx = '276.51'; });
  take(byTemplate(['antibiotic', 'sequential']).filter((_, i) => i % 5 === 2), 2, 'unknown drug', (l) => {
    l.drug = pick(['Banana bag', 'Zerbaxa-XR']);
  });
  take(rows.filter((_, i) => i % 29 === 20), 1, 'missing diagnosis', (l) => { l.dx = ''; });
  const singleDose = /iron|venofer|injectafer|reclast|zoledronic|prolia|neulasta|privigen|gammagard|gamunex/i;
  take(rows.filter((r) => r.enc.payer === 'Medicare' && singleDose.test(r.line.drug) && r.line.waste), 2,
    'Medicare single-dose drug without waste', (l) => { l.waste = ''; });

  // NDCs from the pharmacy's scan, after the gaps above (an unknown drug has none). The office exports the claim form.
  for (const r of rows) {
    const ndc = ndcOf(r.line);
    r.line.ndc = ndc && OFFICE_TEXT.includes(r.enc.setting) ? claimForm(ndc) : ndc;
  }
  take(rows.filter((r) => r.enc.payer === 'Medicaid' && r.line.ndc), 1, 'Medicaid drug without NDC', (l) => { l.ndc = null; });
  // A digit dropped from the product code of a catalog drug's NDC: 4-3-2 is no NDC layout.
  const printed = (r) => /^(ondansetron|ketorolac|diphenhydramine)$/.test(r.line.drug) && /^\d{4}-\d{4}-\d{2}$/.test(r.line.ndc || '');
  take(rows.filter((r) => r.enc.payer !== 'Medicaid' && printed(r)).slice(2), 1, 'malformed NDC', (l) => {
    l.ndc = l.ndc.replace(/-(\d{3})\d-/, '-$1-');
  });
  return { rows, gaps };
}

/** When every zip entry was made: exceljs leaves it to JSZip, which stamps the current time. */
const ENTRY_DATE = new Date(Date.UTC(2026, 3, 1, 8, 0));

/**
 * The same workbook every time: exceljs's package re-zipped with fixed entry dates (the workbook's own
 * created/modified dates are set above), entries in exceljs's order, deflated at a fixed level.
 */
function reproducible(xlsx) {
  const entries = unzipSync(new Uint8Array(xlsx));
  const out = {};
  for (const [name, data] of Object.entries(entries)) out[name] = [data, { level: 6, mtime: ENTRY_DATE }];
  return Buffer.from(zipSync(out));
}

async function main() {
  const { rows, gaps } = build();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Infusion Coder sample generator';
  wb.created = new Date(Date.UTC(2026, 3, 1, 8, 0));
  wb.modified = wb.created;
  const ws = wb.addWorksheet('Infusion Log', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.getCell('A1').value = TITLE;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, 8);
  ws.getCell('A2').value = 'Dates of service January-March 2026. Exported from the EHR medication administration record.';
  ws.getCell('A2').font = { italic: true, color: { argb: 'FF595959' } };
  const header = ws.getRow(4);
  HEADERS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } };
  });
  const widths = [13, 11, 20, 14, 18, 17, 24, 14, 20, 8, 13, 16, 11, 11, 14, 11, 46, 8, 18, 15, 9];
  widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });

  let r = 5;
  let lastVisit = null;
  for (const { enc, line } of rows) {
    if (lastVisit !== null && lastVisit !== enc.visit && chance(0.08)) r++; // a blank row between some visits
    lastVisit = enc.visit;
    const row = ws.getRow(r++);
    const set = (col, cell) => {
      if (cell === null || cell === undefined || cell === '') return;
      const c = row.getCell(col);
      if (typeof cell === 'object' && !(cell instanceof Date) && 'value' in cell) {
        c.value = cell.value;
        if (cell.numFmt) c.numFmt = cell.numFmt;
      } else c.value = cell;
    };
    set(1, enc.visit);
    set(2, enc.mrn);
    set(3, enc.name);
    set(4, dateCell(enc.month, enc.day));
    set(5, enc.setting);
    set(6, enc.payer);
    set(7, line.drug);
    set(8, line.ndc);
    set(9, line.dose);
    set(10, line.waste);
    set(11, line.route);
    set(12, line.purpose);
    set(13, timeCell(line.start));
    if (line.stop !== null) set(14, timeCell(line.stop));
    set(15, line.site || enc.site);
    set(16, line.dx);
    set(17, line.nec);
    set(18, line.primary || '');
    set(19, enc.provider);
    set(20, enc.nurse);
    set(21, enc.chair);
  }

  const about = wb.addWorksheet('About');
  about.getColumn(1).width = 110;
  const text = [
    'Sample data for Infusion Coder (fictional patients; generated by scripts/make-sample.js, seed ' + SEED + ').',
    `${rows.length} administration lines in ${ENCOUNTERS} encounters, January-March 2026; hospital outpatient/ED and physician office.`,
    'Code it: npx infusion-coder code examples/infusions.xlsx   (writes examples/infusions.coded.xlsx)',
    'Deliberate documentation gaps: ' + [...new Set(gaps)].map((g) => `${g} (${gaps.filter((x) => x === g).length})`).join(', ') + '.',
    'Typos and brand names on purpose: Vancomicin, Ondansteron, Zofran, Rocephin, Zosyn, Venofer, Remicade, Privigen.',
  ];
  text.forEach((t, i) => { about.getCell(i + 1, 1).value = t; });

  fs.writeFileSync(OUT, reproducible(Buffer.from(await wb.xlsx.writeBuffer())));
  process.stdout.write(`wrote ${path.relative(process.cwd(), OUT)}: ${rows.length} rows, ${ENCOUNTERS} encounters\n`);
}

main().catch((err) => {
  process.stderr.write(`make-sample: ${err.message}\n`);
  process.exitCode = 1;
});
