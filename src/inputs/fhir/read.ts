/**
 * Reading FHIR text: a Bundle (or one resource, or an array) from a .json file, or one resource per line of a
 * bulk-export .ndjson file. Pure: the caller feeds lines as it streams them. A line that is not JSON or not a
 * resource is one problem with its line number; the rest is still read.
 */
import { anyResourceSchema, bundleEntrySchema, bundleSchema, type AnyResource } from './schemas';

export interface FhirProblem {
  /** 1-based line of the file, or null when the problem has no single line. */
  line: number | null;
  message: string;
}

export interface ReadResource {
  resource: AnyResource;
  /** Line of the file it came from (NDJSON), or null (inside a Bundle). */
  line: number | null;
  /** Bundle entry fullUrl (`urn:uuid:...`), for references by full URL. */
  fullUrl: string | null;
}

/** Collects resources from lines or documents, with the problems found on the way. */
export class FhirCollector {
  readonly resources: ReadResource[] = [];
  readonly problems: FhirProblem[] = [];

  /** One NDJSON line (1-based `line`): a resource, or a Bundle; blank lines are skipped. */
  addLine(text: string, line: number): void {
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.problems.push({ line, message: `line ${line} is not valid JSON (${jsonError(err)}); the other lines were read` });
      return;
    }
    this.addValue(value, line, null, `line ${line}`);
  }

  /** A whole .json document: a Bundle, one resource or an array of resources. NDJSON named .json is read by line. */
  addDocument(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
      if (lines.length > 1 && isResourceLine(lines[0])) {
        text.split(/\r?\n/).forEach((l, i) => this.addLine(l, i + 1));
        return;
      }
      const at = errorLine(err, text);
      this.problems.push({ line: at, message: `the file is not valid JSON${at !== null ? ` at line ${at}` : ''} (${jsonError(err)})` });
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => this.addValue(v, null, null, `item ${i + 1}`));
    else this.addValue(value, null, null, 'the document');
  }

  private addValue(value: unknown, line: number | null, fullUrl: string | null, where: string): void {
    const bundle = bundleSchema.safeParse(value);
    if (bundle.success) {
      const entries = bundle.data.entry ?? [];
      if (!Array.isArray(entries)) {
        this.problems.push({ line, message: `${where}: the Bundle's entry is not a list of entries` });
        return;
      }
      entries.forEach((value, i) => {
        const entry = bundleEntrySchema.safeParse(value);
        if (!entry.success) {
          this.problems.push({ line, message: `${where}: Bundle entry ${i + 1} is not an entry (${value === null ? 'null' : typeof value})` });
        } else if (entry.data.resource === undefined) {
          this.problems.push({ line, message: `${where}: Bundle entry ${i + 1} has no resource` });
        } else this.addValue(entry.data.resource, line, entry.data.fullUrl ?? null, `${where}: Bundle entry ${i + 1}`);
      });
      return;
    }
    const resource = anyResourceSchema.safeParse(value);
    if (!resource.success) {
      this.problems.push({ line, message: `${where} is not a FHIR resource (it has no resourceType)` });
      return;
    }
    this.resources.push({ resource: resource.data, line, fullUrl });
  }
}

/** A line that is a whole JSON resource on its own: the file is NDJSON. */
function isResourceLine(line: string): boolean {
  try {
    return anyResourceSchema.safeParse(JSON.parse(line)).success;
  } catch {
    return false;
  }
}

function jsonError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\(line \d+ column \d+\)/, '').slice(0, 120);
}

/** The line of a JSON.parse error, from its `(line N column M)` or `position N`. */
function errorLine(err: unknown, text: string): number | null {
  const message = err instanceof Error ? err.message : '';
  const explicit = /line (\d+)/.exec(message);
  if (explicit) return Number(explicit[1]);
  const position = /position (\d+)/.exec(message);
  if (position) return text.slice(0, Number(position[1])).split('\n').length;
  return text.trim() === '' ? null : text.split('\n').length; // unexpected end: the last line
}
