/**
 * Where tests write: only under test/artifacts/ (ignored by git), never the system temp folder or the
 * repository's own files, so a test run leaves the checkout as it found it.
 */
import { mkdirSync, mkdtempSync } from 'fs';
import * as path from 'path';

export const ARTIFACTS = path.resolve(__dirname, 'artifacts');

/** A new, empty folder under test/artifacts/ whose name starts with `prefix`. */
export function artifactDir(prefix: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return mkdtempSync(path.join(ARTIFACTS, prefix));
}
