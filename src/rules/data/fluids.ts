/**
 * IV solutions as data (issue 9 item 4): the spellings nurses chart for the catalog's fluid families, and
 * the strengths that are not those families. The families themselves (their codes and bag sizes) are the
 * catalog's class H rows. A yearly update edits this file, never a decision.
 */
import type { ReferenceList } from './lists';

/**
 * Extra spellings of the built-in fluid families, keyed by the family name (the catalog name without its
 * volume, normalised). The catalog rows' own names and synonyms are found without being listed here.
 */
export const FLUID_SPELLINGS: ReferenceList<Readonly<Record<string, readonly string[]>>> = {
  values: {
    'normal saline': ['saline', 'ns', 'nss', '0.9% nacl', 'nacl 0.9%', '0.9 nacl', 'nacl 0.9', '0.9% ns', '0.9% saline', 'sodium chloride 0.9', '0.9 sodium chloride', 'normal saline solution', 'ns solution'],
    'dextrose 5% in water': ['d5w', 'd5 w', 'd5 water', 'dextrose 5%', '5% dextrose', 'dextrose 5', '5% dextrose in water', 'dextrose 5% water', 'dextrose in water'],
    'dextrose 5% in normal saline': ['d5ns', 'd5 ns', 'd5 nss', 'd5 0.9% nacl', 'd5 0.9 nacl', 'd5 normal saline', 'dextrose 5% normal saline', '5% dextrose in normal saline', 'dextrose 5% in 0.9% sodium chloride', 'dextrose 5% and 0.9% sodium chloride', 'dextrose 5% in 0.9% nacl', 'dextrose 5% and sodium chloride 0.9%'],
    'lactated ringers': ['lr', 'lactated ringers', 'lactated ringer', 'ringers lactate', 'ringer lactate', 'lactated ringers solution'],
    'dextrose 5% in lactated ringers': ['d5lr', 'd5 lr', 'd5 lactated ringers', 'dextrose 5% lactated ringers', 'dextrose 5% in lr', 'lactated ringers with dextrose 5%', 'lactated ringers and dextrose 5%', 'd5 ringers lactate'],
  },
  source: 'project list of common MAR and order spellings of the HCPCS J7030-J7121 solutions',
  edition: 'HCPCS 2026',
};

/**
 * Half-, quarter-strength and hypertonic saline (and other percentages): not an isotonic family, so `3%
 * saline` is not normal saline unless a catalog row is that strength (J7131 hypertonic saline).
 */
export const OTHER_STRENGTH_SOLUTIONS: ReferenceList<RegExp> = {
  values: /\b(?:half|hypertonic|quarter)\b|1\/2|1\/4|0\.45|0\.225|0\.33|(?<![\d.])(?:3|23\.4|7\.5|10|20|50)\s*%/,
  source: 'sodium chloride 0.225%, 0.33%, 0.45%, 3%, 7.5%, 23.4% and dextrose 10-50% solutions; HCPCS J7131 (hypertonic saline)',
  edition: 'HCPCS 2026',
};
