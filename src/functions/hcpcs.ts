/**
 * HCPCSCODE and HCPCSUNITS: the drug's HCPCS code and billing units. Units come from the rules module
 * (the same HCPCS line the block form and the command line produce); without a dose the code comes
 * straight from the catalog.
 */
import type { CellValue, CodeLine, FindingId, RowResult } from '../rules/types';
import { formatCode } from '../sheet/plan';
import type { Arg } from './args';
import { at, broadcastShape, isBlankArg, shown, toMatrix } from './args';
import { activeCatalog } from '../runtime/functionContext';
import { FunctionInputError, invalid, notAvailable } from './errors';
import type { Cell } from './line';
import { codeLines, plain } from './line';

/** Findings that explain why a drug and dose earned no HCPCS line. */
const NO_LINE_REASONS: FindingId[] = ['unparseable-dose', 'dose-unit-mismatch', 'unknown-drug', 'missing-dose'];

export function hcpcsCodeCells(drugArg: Arg, doseArg: Arg): Cell[][] {
  return hcpcsCells(drugArg, doseArg, false);
}

export function hcpcsUnitsCells(drugArg: Arg, doseArg: Arg): Cell[][] {
  return hcpcsCells(drugArg, doseArg, true);
}

function hcpcsCells(drugArg: Arg, doseArg: Arg, units: boolean): Cell[][] {
  const drug = toMatrix(drugArg);
  const dose = toMatrix(doseArg);
  const shape = broadcastShape([
    { name: 'drug', value: drug },
    { name: 'dose', value: dose },
  ]);
  const out: Cell[][] = [];
  // Lines with a dose go to the rules in one call; a drug alone is answered from the catalog.
  // Either argument marks a line (a single dose cell beside a column of drugs is repeated down it).
  const coded = codeLines({ drug: drugArg, dose: doseArg }, { failOnBadInput: false, keyFields: ['drug', 'dose'] });
  for (let r = 0; r < shape.rows; r++) {
    const line: Cell[] = [];
    for (let c = 0; c < shape.cols; c++) {
      const drugValue = at(drug, r, c);
      const doseValue = at(dose, r, c);
      if (isBlankArg(drugValue)) {
        line.push(isBlankArg(doseValue) ? '' : invalid(`The drug is blank; dose ${shown(doseValue)} needs a drug name`));
        continue;
      }
      const drugText = String(drugValue).trim();
      if (isBlankArg(doseValue)) {
        line.push(units ? '' : catchError(() => catalogCode(drugText)));
        continue;
      }
      const result = coded.results[r * shape.cols + c];
      if (result instanceof FunctionInputError) {
        line.push(result);
        continue;
      }
      line.push(catchError(() => fromRules(result, drugText, doseValue, units)));
    }
    out.push(line);
  }
  return out;
}

function catchError(fn: () => Cell): Cell {
  try {
    return fn();
  } catch (error) {
    if (error instanceof FunctionInputError) return error;
    throw error;
  }
}

/** The code of a drug by name alone (brand, generic, a concentration or bag size in the name). */
function catalogCode(drugText: string): string {
  const catalog = activeCatalog();
  const match = catalog.lookup(drugText);
  if (match && match.entry.drugClass !== 'H') return match.entry.hcpcs;
  const fluid = catalog.fluid(drugText);
  if (fluid) {
    if (fluid.nameMl === null) {
      if (match) return match.entry.hcpcs;
      throw invalid(`The code of ${drugText} depends on the bag size: give the dose, for example '1000 mL'`);
    }
    return distinct(fluid.bags(fluid.nameMl).map((bag) => bag.entry.hcpcs)).join('; ');
  }
  if (match) return match.entry.hcpcs;
  throw unknownDrug(drugText);
}

function fromRules(row: RowResult | null, drugText: string, doseValue: CellValue, units: boolean): Cell {
  const lines: CodeLine[] = row ? row.hcpcs.filter((l) => !l.modifiers.includes('JW')) : [];
  if (lines.length === 0) {
    const reason = row ? NO_LINE_REASONS.map((id) => row.findings.find((f) => f.id === id)).find(Boolean) : undefined;
    if (reason?.id === 'unknown-drug') throw unknownDrug(drugText);
    if (reason) throw invalid(plain(reason));
    throw invalid(`${drugText} has no HCPCS line for this dose`);
  }
  if (!units) return distinct(lines.map((l) => l.code)).join('; ');
  // Units of a dose written without its unit are a guess: ask for the unit rather than bill a guess.
  const guessed = row?.findings.find((f) => f.id === 'dose-unit-mismatch');
  if (guessed) {
    const uom = activeCatalog().lookup(drugText)?.entry.unitUom;
    const unit = uom === 'ml' ? 'mL' : uom === 'meq' ? 'mEq' : (uom ?? 'mg');
    const amount = String(doseValue).trim();
    throw invalid(
      /^[\d.,\s]+$/.test(amount)
        ? `Dose '${amount}' has no unit: write it with its unit, for example '${amount} ${unit}'`
        : plain(guessed),
    );
  }
  if (distinct(lines.map((l) => l.code)).length === 1) return lines.reduce((sum, l) => sum + l.units, 0);
  // Several bag sizes (1500 mL = one 1000 mL and one 500 mL bag): units per code, as text.
  return lines.map((l) => `${formatCode(l)}${l.units === 1 ? ' x1' : ''}`).join('; ');
}

function unknownDrug(drugText: string): FunctionInputError {
  return notAvailable(`'${drugText}' is not in the drug catalog or the workbook's drug map`);
}

function distinct(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}
