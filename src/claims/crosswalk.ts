/**
 * The CMS ASP NDC-HCPCS crosswalk (quarterly): notice rows, then `_2026_CODE, Short Description, LABELER
 * NAME, NDC2, Drug Name, HCPCS dosage, PKG SIZE, PKG QTY, BILLUNITS, BILLUNITSPKG`. PKG SIZE is the amount in
 * one item (5 for a 5 mL vial), PKG QTY the items in the package (10 vials), BILLUNITS the HCPCS billing units
 * in one item (a 100 mg vial of iron sucrose, 1 mg a unit: 100), BILLUNITSPKG those of the whole package
 * (BILLUNITS x PKG QTY: 1,000). CMS's own rows agree: J1756, 5, 10, 100, 1000.
 */
import type { CellValue } from '../rules/types';
import { type ColumnSpec, editionOf, findHeader, money, procedureCode, SkippedRows, text, WrongTableError } from './header';
import { normalizeNdc, type NdcQualifier } from './ndc';
import type { TableInfo } from './tables';

export interface CrosswalkEntry {
  ndc: string;
  code: string;
  drugName: string;
  labeler: string;
  /** Package size (mL of a vial, 1 for an each), and its qualifier on the claim. */
  pkgSize: number | null;
  qualifier: NdcQualifier;
  pkgQty: number | null;
  /** HCPCS units in one item (of `pkgSize`), and in the whole package. */
  billUnits: number | null;
  billUnitsPkg: number | null;
}

export interface NdcCrosswalk {
  info: TableInfo;
  byNdc: Map<string, CrosswalkEntry>;
}

export const CROSSWALK_COLUMNS = {
  code: { label: 'HCPCS code (_2026_CODE)', names: (k: string) => k === 'code' || k === 'hcpcs' || k === 'hcpcscode' || k === 'hcpcscd', required: true },
  ndc: { label: 'NDC2', names: ['ndc2', 'ndc', 'ndc11', 'ndccode'], required: true },
  drugName: { label: 'Drug Name', names: ['drugname', 'drug', 'shortdescription'], required: false },
  labeler: { label: 'LABELER NAME', names: ['labelername', 'labeler', 'manufacturer'], required: false },
  pkgSize: { label: 'PKG SIZE', names: ['pkgsize', 'packagesize'], required: true },
  pkgQty: { label: 'PKG QTY', names: ['pkgqty', 'packagequantity', 'packageqty'], required: true },
  billUnits: { label: 'BILLUNITS', names: ['billunits', 'billingunits', 'billableunits'], required: true },
  billUnitsPkg: { label: 'BILLUNITSPKG', names: ['billunitspkg', 'billunitsperpkg', 'billableunitsperpackage'], required: false },
} satisfies Record<string, ColumnSpec>;

/** The qualifier a package size is counted in: a unit written beside it, else `UN` for one each and `ML` for a volume. */
function qualifierOf(v: CellValue | undefined, size: number | null): NdcQualifier {
  const unit = text(v).toLowerCase().replace(/[\d.\s]/g, '');
  if (/^(ml|cc)$/.test(unit)) return 'ML';
  if (/^(g|gm|gr|gram)s?$/.test(unit)) return 'GR';
  if (/^(mg|me)$/.test(unit)) return 'ME';
  if (/^(iu|f2|units?)$/.test(unit)) return 'F2';
  if (/^(ea|each|un|vial|syringe|kit)s?$/.test(unit)) return 'UN';
  return size === 1 ? 'UN' : 'ML';
}

/** The number in a size cell (`4`, `4 ML`). */
function leadingNumber(v: CellValue | undefined): number | null {
  const n = money(v);
  if (n !== null) return n;
  const m = /^\s*(\d*\.?\d+)/.exec(text(v));
  return m ? Number(m[1]) : null;
}

export function parseNdcCrosswalk(grid: readonly (readonly CellValue[])[], name: string): NdcCrosswalk {
  const hit = findHeader(grid, CROSSWALK_COLUMNS);
  if (!hit) throw new WrongTableError('an ASP NDC-HCPCS crosswalk', CROSSWALK_COLUMNS, grid);
  const c = hit.columns;
  const byNdc = new Map<string, CrosswalkEntry>();
  const skipped = new SkippedRows();
  const at = (row: readonly CellValue[], i: number | null) => (i === null ? undefined : row[i]);
  for (let r = hit.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const code = procedureCode(at(row, c.code));
    const ndc = normalizeNdc(at(row, c.ndc));
    if (!code || !ndc) {
      if (row.some((v) => text(v) !== '')) skipped.add(r, code ? `'${text(at(row, c.ndc))}' is not an NDC` : `'${text(at(row, c.code))}' is not an HCPCS code`);
      continue;
    }
    // One HCPCS code per NDC: a second row for an NDC is named, never silently the code used.
    if (byNdc.has(ndc)) {
      skipped.add(r, `NDC ${ndc} is listed again (under ${code}); the first row's ${byNdc.get(ndc)!.code} is used`);
      continue;
    }
    const pkgSize = leadingNumber(at(row, c.pkgSize));
    const pkgQty = leadingNumber(at(row, c.pkgQty));
    const billUnits = leadingNumber(at(row, c.billUnits));
    byNdc.set(ndc, {
      ndc,
      code,
      drugName: text(at(row, c.drugName)),
      labeler: text(at(row, c.labeler)),
      pkgSize,
      qualifier: qualifierOf(at(row, c.pkgSize), pkgSize),
      pkgQty,
      billUnits,
      billUnitsPkg: leadingNumber(at(row, c.billUnitsPkg)) ?? (billUnits !== null ? billUnits * (pkgQty ?? 1) : null),
    });
  }
  return {
    info: { kind: 'ndc-crosswalk', name, date: editionOf(grid.slice(0, hit.headerRow), name), rows: byNdc.size, skipped: skipped.count, problems: skipped.problems },
    byNdc,
  };
}

/**
 * The NDC quantity of `units` HCPCS units, in the package-size measure: the items they fill (units / BILLUNITS)
 * times the amount in one item (PKG SIZE). 200 mg of iron sucrose from 100 mg / 5 mL vials: 2 x 5 = 10 mL.
 * Null without package data.
 */
export function ndcQuantityOf(entry: CrosswalkEntry, units: number): number | null {
  if (!entry.billUnits || entry.billUnits <= 0) return null;
  return (units / entry.billUnits) * (entry.pkgSize !== null && entry.pkgSize > 0 ? entry.pkgSize : 1);
}
