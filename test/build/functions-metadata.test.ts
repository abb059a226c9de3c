/**
 * functions.json is generated from the JSDoc of src/functions/functions.ts at build time (webpack's
 * CustomFunctionsMetadataPlugin). The first checks run the plugin's generator (`custom-functions-metadata`)
 * directly, in well under a second; then a webpack build of the functions entry with the plugin checks
 * the emitted functions.json and that the bundle, loaded in a bare runtime, registers working functions.
 */
import { existsSync, readFileSync, rmSync } from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import CustomFunctionsMetadataPlugin from 'custom-functions-metadata-plugin';
import { artifactDir } from '../artifacts';
import webpack from 'webpack';
import type { Stats } from 'webpack';

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

  test('has a description with an example formula, short enough for Excel to show whole', () => {
    const { description } = fn();
    expect(description && description.length).toBeGreaterThan(20);
    expect(description!.length).toBeLessThanOrEqual(255);
    expect(description).toContain(`=IV.${id}(`);
  });

  test('lists every parameter with a description, in order, optional ones marked', () => {
    const params = fn().parameters;
    expect(params.map((p) => p.name)).toEqual([...expected.required, ...expected.optional]);
    for (const p of params) {
      expect(p.description && p.description.trim().length).toBeGreaterThan(5);
      expect(p.description!.length).toBeLessThanOrEqual(255);
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

describe('a webpack build with CustomFunctionsMetadataPlugin (as the add-in build runs it)', () => {
  let outDir: string;
  let metadata: { functions: FunctionMetadata[] };
  let bundle: string;

  beforeAll(async () => {
    outDir = artifactDir('functions-build-');
    // A build of the functions entry alone, with the plugin on the same input as webpack.config.js:
    // the full add-in build (task pane, React) takes far longer and is checked by its own tests.
    const stats = await new Promise<Stats | undefined>((resolve, reject) =>
      webpack(
        {
          mode: 'development',
          devtool: false,
          context: ROOT,
          entry: { functions: './src/functions/functions.ts' },
          output: { path: outDir, filename: '[name].js' },
          resolve: { extensions: ['.ts', '.js'] },
          module: {
            rules: [
              {
                test: /\.ts$/,
                exclude: /node_modules/,
                use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: false } } },
              },
            ],
          },
          plugins: [new CustomFunctionsMetadataPlugin({ input: './src/functions/functions.ts', output: 'functions.json' })],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );
    if (stats?.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
    metadata = JSON.parse(readFileSync(path.join(outDir, 'functions.json'), 'utf8'));
    bundle = readFileSync(path.join(outDir, 'functions.js'), 'utf8');
  }, 120000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  test('functions.json is emitted and lists every function with description and parameters', () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of metadata.functions) {
      expect(f.description).toContain(`=IV.${f.id}(`);
      const names = [...EXPECTED[f.id].required, ...EXPECTED[f.id].optional];
      expect(f.parameters.map((p) => p.name)).toEqual(names);
      for (const p of f.parameters) expect(p.description).toBeTruthy();
    }
  });

  test('the bundle runs in a bare runtime and associates every id with a working function', () => {
    const associated = new Map<string, (...args: unknown[]) => unknown>();
    class StubError {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    }
    const CustomFunctions = {
      Error: StubError,
      ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
      associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
    };
    const sandbox: Record<string, unknown> = { CustomFunctions, console };
    sandbox.self = sandbox;
    sandbox.window = sandbox;
    vm.runInNewContext(bundle, sandbox);
    expect([...associated.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    const codes = associated.get('INFUSIONCODES')!;
    expect(codes([['09:00']], [['10:31']], [['IV infusion']], [['therapeutic']], [['vancomycin']], null)).toEqual([['96365; 96366']]);
    expect(() => codes([['09:00']], [['25:99']])).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});

test('the webpack build generates functions.json from functions.ts (when webpack.config.js exists)', () => {
  const config = path.join(ROOT, 'webpack.config.js');
  if (!existsSync(config)) return; // the add-in build lands separately; the generator check above still ran
  const text = readFileSync(config, 'utf8');
  expect(text).toMatch(/CustomFunctionsMetadataPlugin/);
  expect(text).toMatch(/src\/functions\/functions\.ts/);
  expect(text).toMatch(/functions\.json/);
});
