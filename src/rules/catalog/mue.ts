/**
 * Built-in Medically Unlikely Edit (MUE) values: the most units of a code per patient per date of service.
 *
 * Source: secondary sources restating the CMS MUE tables [S44-S49] (Coding Ahead CPT 96361/96366/96368,
 * PayerReady CPT 96360/96367, MMP Inc. 2011; see shared/domain/SOURCES.md): 96360: 1, 96361: 8, 96366: 8,
 * 96367: 4, 96368: 1. Edition: not tied to a CMS quarter; load the current CMS practitioner or facility MUE
 * file (parseMueFile) to replace them.
 */

export const MUE_SOURCE = 'Built-in MUE values from secondary sources [S44-S49] (not a CMS quarterly file)';

export const BUILT_IN_MUE: Readonly<Record<string, number>> = Object.freeze({
  '96360': 1,
  '96361': 8,
  '96366': 8,
  '96367': 4,
  '96368': 1,
});

/** A fresh copy of the built-in MUE table (code -> units), the shape parseMueFile returns. */
export function builtInMue(): Map<string, number> {
  return new Map(Object.entries(BUILT_IN_MUE));
}
