/**
 * functions.json is generated from the JSDoc of src/functions/functions.ts at build time (webpack's
 * CustomFunctionsMetadataPlugin). This runs the same generator (`custom-functions-metadata`, which the
 * plugin calls) directly: offline and in well under a second, where a full webpack build takes much longer.
 */
import { readFileSync, existsSync } from 'fs';
import * as path from 'path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = path.join(ROOT, 'src/functions/functions.ts');

/** The functions the product documents (issue "Custom functions"), with their parameters in order. */
const EXPECTED: Record<string, { required: string[]; optional: string[] }> = {
  INFUSIONCODES: { required: ['start'], optional: ['stop', 'route', 'purpose', 'drug', 'setting'] },
  INFUSIONMINUTES: { required: ['start', 'stop'], optional: [] },
  HCPCSCODE: { required: ['drug'], optional: ['dose'] },
  HCPCSUNITS: { required: ['drug', 'dose'], optional: [] },
  INFUSIONFLAGS: { required: ['start'], optional: ['stop', 'route', 'purpose', 'drug', 'setting'] },
  INFUSIONEXPLAIN: { required: ['start'], optional: ['stop', 'route', 'purpose', 'drug', 'setting'] },
};

interface ParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: ParameterMetadata[];
  result: { type?: string; dimensionality?: string };
}

let functions: FunctionMetadata[];
let associate: { functionName: string; id: string }[];
let errors: string[];

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE);
  errors = result.errors;
  associate = result.associate;
  functions = result.metadataJson ? (JSON.parse(result.metadataJson).functions as FunctionMetadata[]) : [];
});

test('the generator accepts functions.ts without errors', () => {
  expect(errors).toEqual([]);
  expect(functions.length).toBeGreaterThan(0);
});

test('functions.json lists exactly the documented functions', () => {
  expect(functions.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  for (const f of functions) expect(f.name).toBe(f.id);
});

describe.each(Object.entries(EXPECTED))('%s', (id, expected) => {
  const fn = () => {
    const found = functions.find((f) => f.id === id);
    if (!found) throw new Error(`${id} is missing from functions.json`);
    return found;
  };

  test('has a description with an example formula', () => {
    const { description } = fn();
    expect(description && description.length).toBeGreaterThan(20);
    expect(description).toContain(`=IV.${id}(`);
  });

  test('lists every parameter with a description, in order, optional ones marked', () => {
    const params = fn().parameters;
    expect(params.map((p) => p.name)).toEqual([...expected.required, ...expected.optional]);
    for (const p of params) {
      expect(p.description && p.description.trim().length).toBeGreaterThan(5);
      expect(Boolean(p.optional)).toBe(expected.optional.includes(p.name));
      // A range or a single cell: Excel passes a 2-D array, never lifting the function over the cells.
      expect(p.dimensionality).toBe('matrix');
      expect(p.type).toBe('any');
    }
  });

  test('returns a matrix, so a range argument spills', () => {
    expect(fn().result.dimensionality).toBe('matrix');
  });
});

test('every function has a CustomFunctions.associate call with its id in functions.ts', () => {
  const source = readFileSync(SOURCE, 'utf8');
  for (const { id, functionName } of associate) {
    expect(source).toContain(`CustomFunctions.associate('${id}', ${functionName});`);
  }
  expect(associate.map((a) => a.id).sort()).toEqual(Object.keys(EXPECTED).sort());
});

test('the webpack build generates functions.json from functions.ts (when webpack.config.js exists)', () => {
  const config = path.join(ROOT, 'webpack.config.js');
  if (!existsSync(config)) return; // the add-in build lands separately; the generator check above still ran
  const text = readFileSync(config, 'utf8');
  expect(text).toMatch(/CustomFunctionsMetadataPlugin/);
  expect(text).toMatch(/src\/functions\/functions\.ts/);
  expect(text).toMatch(/functions\.json/);
});
