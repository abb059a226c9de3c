/**
 * The project's own manifest check (Microsoft's validator needs its web service; `npm run validate` keeps it as
 * an optional script): the XML parsed with fast-xml-parser and checked with zod and by hand for what Office
 * rejects or silently ignores: element order, every resid resolving to a resource of the right kind, the
 * shared runtime, the custom-functions namespace, https everywhere, icon files of the stated sizes, lengths.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const DEV = 'https://localhost:3000';

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

function toTree(items: unknown[]): Node[] {
  const out: Node[] = [];
  for (const item of items as Record<string, unknown>[]) {
    const name = Object.keys(item).find((k) => k !== ':@');
    if (!name || name === '#comment' || name === '?xml') continue;
    if (name === '#text') continue;
    const kids = item[name] as unknown[];
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries((item[':@'] as Record<string, unknown>) ?? {})) attrs[k.replace(/^@_/, '')] = String(v);
    const text = kids
      .filter((k) => typeof k === 'object' && k !== null && '#text' in (k as object))
      .map((k) => String((k as Record<string, unknown>)['#text']))
      .join('')
      .trim();
    out.push({ name, attrs, children: toTree(kids), text });
  }
  return out;
}

function parse(xml: string): Node {
  const parser = new XMLParser({ ignoreAttributes: false, preserveOrder: true, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false });
  const roots = toTree(parser.parse(xml) as unknown[]);
  expect(roots).toHaveLength(1);
  return roots[0];
}

const root = parse(MANIFEST);

function child(node: Node, name: string): Node {
  const c = node.children.find((n) => n.name === name);
  if (!c) throw new Error(`<${node.name}> has no <${name}>`);
  return c;
}

function all(node: Node, pred: (n: Node) => boolean, acc: Node[] = []): Node[] {
  if (pred(node)) acc.push(node);
  for (const c of node.children) all(c, pred, acc);
  return acc;
}

/** The names of a node's children follow `order` (a known element out of place or an unknown one fails). */
function expectOrder(node: Node, order: string[]) {
  const names = node.children.map((c) => c.name);
  for (const n of names) expect({ element: n, parent: node.name, known: order.includes(n) }).toEqual({ element: n, parent: node.name, known: true });
  const positions = names.map((n) => order.indexOf(n));
  const sorted = [...positions].sort((a, b) => a - b);
  expect({ parent: node.name, names }).toEqual({ parent: node.name, names: sorted.map((i) => order[i]) });
}

const overrides = child(root, 'VersionOverrides');
const host = child(child(overrides, 'Hosts'), 'Host');
const resources = child(overrides, 'Resources');

/** Resources by kind: id -> DefaultValue. */
function resourceMap(kind: string): Map<string, string> {
  const section = child(resources, kind);
  const map = new Map<string, string>();
  for (const n of section.children) {
    expect(map.has(n.attrs.id)).toBe(false);
    map.set(n.attrs.id, n.attrs.DefaultValue);
  }
  return map;
}
const images = resourceMap('bt:Images');
const urls = resourceMap('bt:Urls');
const shortStrings = resourceMap('bt:ShortStrings');
const longStrings = resourceMap('bt:LongStrings');

describe('manifest.xml', () => {
  it('is an Office task-pane add-in manifest with the right namespaces', () => {
    const attrs = z.object({
      xmlns: z.literal('http://schemas.microsoft.com/office/appforoffice/1.1'),
      'xmlns:xsi': z.literal('http://www.w3.org/2001/XMLSchema-instance'),
      'xmlns:bt': z.literal('http://schemas.microsoft.com/office/officeappbasictypes/1.0'),
      'xmlns:ov': z.literal('http://schemas.microsoft.com/office/taskpaneappversionoverrides'),
      'xsi:type': z.literal('TaskPaneApp'),
    });
    expect(root.name).toBe('OfficeApp');
    expect(attrs.safeParse(root.attrs).error).toBeUndefined();
    expect(overrides.attrs).toEqual({
      xmlns: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
      'xsi:type': 'VersionOverridesV1_0',
    });
  });

  it('has its elements in schema order', () => {
    expectOrder(root, [
      'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions',
      'VersionOverrides',
    ]);
    expectOrder(overrides, ['Description', 'Requirements', 'Hosts', 'Resources']);
    expectOrder(host, ['Runtimes', 'AllFormFactors', 'DesktopFormFactor']);
    const desktop = child(host, 'DesktopFormFactor');
    expectOrder(desktop, ['GetStarted', 'FunctionFile', 'ExtensionPoint']);
    expectOrder(child(desktop, 'GetStarted'), ['Title', 'Description', 'LearnMoreUrl']);
    for (const group of all(host, (n) => n.name === 'Group')) expectOrder(group, ['Label', 'Icon', 'Control']);
    for (const control of all(host, (n) => n.name === 'Control')) expectOrder(control, ['Label', 'Supertip', 'Icon', 'Action']);
    for (const tip of all(host, (n) => n.name === 'Supertip')) expectOrder(tip, ['Title', 'Description']);
    const cf = all(host, (n) => n.name === 'ExtensionPoint' && n.attrs['xsi:type'] === 'CustomFunctions')[0];
    expectOrder(cf, ['Script', 'Page', 'Metadata', 'Namespace']);
    expectOrder(resources, ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']);
  });

  it('resolves every resid to a resource of the right kind', () => {
    const kindOf = (n: Node, parent: string): Map<string, string> => {
      if (n.name === 'bt:Image') return images;
      if (['SourceLocation', 'Runtime', 'FunctionFile', 'LearnMoreUrl'].includes(n.name)) return urls;
      if (n.name === 'Description' || (parent === 'Supertip' && n.name !== 'Title')) return longStrings;
      return shortStrings; // Label, Title, Namespace
    };
    const walk = (n: Node, parent: string): number => {
      let count = 0;
      if (n.attrs.resid) {
        const map = kindOf(n, parent);
        expect({ element: n.name, resid: n.attrs.resid, resolves: map.has(n.attrs.resid) }).toEqual({ element: n.name, resid: n.attrs.resid, resolves: true });
        count++;
      }
      for (const c of n.children) count += walk(c, n.name);
      return count;
    };
    expect(walk(overrides, 'OfficeApp')).toBeGreaterThan(20);
    // Every resource is used.
    const used = new Set(all(overrides, (n) => Boolean(n.attrs.resid)).map((n) => n.attrs.resid));
    for (const id of [...images.keys(), ...urls.keys(), ...shortStrings.keys(), ...longStrings.keys()]) expect({ id, used: used.has(id) }).toEqual({ id, used: true });
  });

  it('runs the pane, the commands and the custom functions in one long-lived shared runtime', () => {
    const sets = all(child(root, 'Requirements'), (n) => n.name === 'Set');
    expect(sets).toContainEqual(expect.objectContaining({ attrs: { Name: 'SharedRuntime', MinVersion: '1.1' } }));
    const runtime = child(child(host, 'Runtimes'), 'Runtime');
    expect(runtime.attrs.lifetime).toBe('long');
    const shared = runtime.attrs.resid;
    expect(urls.get(shared)).toBe(`${DEV}/taskpane.html`);
    expect(child(child(host, 'DesktopFormFactor'), 'FunctionFile').attrs.resid).toBe(shared);
    const cf = all(host, (n) => n.name === 'ExtensionPoint' && n.attrs['xsi:type'] === 'CustomFunctions')[0];
    expect(child(child(cf, 'Page'), 'SourceLocation').attrs.resid).toBe(shared);
    expect(urls.get(child(child(cf, 'Metadata'), 'SourceLocation').attrs.resid)).toBe(`${DEV}/functions.json`);
    expect(urls.get(child(child(cf, 'Script'), 'SourceLocation').attrs.resid)).toBe(`${DEV}/functions.js`);
    const taskpane = all(host, (n) => n.name === 'Action' && n.attrs['xsi:type'] === 'ShowTaskpane')[0];
    expect(child(taskpane, 'SourceLocation').attrs.resid).toBe(shared);
  });

  it('names a custom-functions namespace Excel accepts', () => {
    const cf = all(host, (n) => n.name === 'ExtensionPoint' && n.attrs['xsi:type'] === 'CustomFunctions')[0];
    const ns = shortStrings.get(child(cf, 'Namespace').attrs.resid);
    expect(ns).toMatch(/^[A-Za-z][A-Za-z0-9]{0,31}$/);
  });

  it('puts "Code rows" (ExecuteFunction) and "Infusion Coder" (ShowTaskpane) in a group on the Home tab', () => {
    const tab = all(host, (n) => n.name === 'OfficeTab')[0];
    expect(tab.attrs.id).toBe('TabHome');
    const controls = all(tab, (n) => n.name === 'Control');
    const labels = controls.map((c) => shortStrings.get(child(c, 'Label').attrs.resid));
    expect(labels).toEqual(['Code rows', 'Infusion Coder']);
    const execute = child(controls[0], 'Action');
    expect(execute.attrs['xsi:type']).toBe('ExecuteFunction');
    const fn = child(execute, 'FunctionName').text;
    // The command is registered under that name.
    expect(readFileSync(path.join(ROOT, 'src/commands/commands.ts'), 'utf8')).toContain(`associate('${fn}'`);
    expect(child(controls[1], 'Action').attrs['xsi:type']).toBe('ShowTaskpane');
    const ids = all(host, (n) => n.name === 'Control' || n.name === 'Group').map((n) => n.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses https for every URL', () => {
    const values: string[] = [
      child(root, 'IconUrl').attrs.DefaultValue,
      child(root, 'HighResolutionIconUrl').attrs.DefaultValue,
      child(root, 'SupportUrl').attrs.DefaultValue,
      child(child(root, 'DefaultSettings'), 'SourceLocation').attrs.DefaultValue,
      ...all(child(root, 'AppDomains'), (n) => n.name === 'AppDomain').map((n) => n.text),
      ...images.values(),
      ...urls.values(),
    ];
    expect(values.length).toBeGreaterThan(10);
    for (const v of values) expect(v).toMatch(/^https:\/\/[^\s]+$/);
  });

  it('points at icon files of the stated sizes (16, 32, 64, 80 and 128 are shipped)', () => {
    const pngSize = (file: string) => {
      const buf = readFileSync(file);
      expect(buf.subarray(1, 4).toString('ascii')).toBe('PNG');
      return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
    };
    const fileOf = (url: string) => path.join(ROOT, url.replace(`${DEV}/`, ''));
    for (const size of [16, 32, 64, 80, 128]) {
      const file = path.join(ROOT, `assets/icon-${size}.png`);
      expect(existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    expect(pngSize(fileOf(child(root, 'IconUrl').attrs.DefaultValue))).toEqual({ width: 32, height: 32 });
    expect(pngSize(fileOf(child(root, 'HighResolutionIconUrl').attrs.DefaultValue))).toEqual({ width: 64, height: 64 });
    for (const img of all(host, (n) => n.name === 'bt:Image')) {
      const size = Number(img.attrs.size);
      expect(pngSize(fileOf(images.get(img.attrs.resid)!))).toEqual({ width: size, height: size });
    }
  });

  it('keeps strings within their limits and identifiers well formed', () => {
    const top = z.object({
      Id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
      Version: z.string().regex(/^\d+(\.\d+){3}$/),
      ProviderName: z.string().min(1).max(125),
      DefaultLocale: z.literal('en-US'),
      DisplayName: z.string().min(1).max(125),
      Description: z.string().min(1).max(250),
      Permissions: z.enum(['ReadWriteDocument', 'ReadDocument', 'Restricted']),
    });
    const values = {
      Id: child(root, 'Id').text,
      Version: child(root, 'Version').text,
      ProviderName: child(root, 'ProviderName').text,
      DefaultLocale: child(root, 'DefaultLocale').text,
      DisplayName: child(root, 'DisplayName').attrs.DefaultValue,
      Description: child(root, 'Description').attrs.DefaultValue,
      Permissions: child(root, 'Permissions').text,
    };
    expect(top.safeParse(values).error).toBeUndefined();
    for (const [id, v] of shortStrings) expect({ id, length: v.length <= 125 && v.length > 0 }).toEqual({ id, length: true });
    for (const [id, v] of longStrings) expect({ id, length: v.length <= 250 && v.length > 0 }).toEqual({ id, length: true });
    for (const [id, v] of urls) expect({ id, length: v.length <= 2048 }).toEqual({ id, length: true });
    // Ribbon labels must fit a button.
    for (const label of all(host, (n) => n.name === 'Label')) expect(shortStrings.get(label.attrs.resid)!.length).toBeLessThanOrEqual(32);
  });

  it('the production build replaces every development URL with ADDIN_URL', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { manifestFor } = require(path.join(ROOT, 'webpack.config.js')) as { manifestFor(c: string, u: string): string };
    const prod = manifestFor(MANIFEST, 'https://coder.example.org/addin');
    expect(prod).not.toContain('localhost');
    const tree = parse(prod);
    const urlsIn = all(tree, (n) => Boolean(n.attrs.DefaultValue) && /^https?:/.test(n.attrs.DefaultValue)).map((n) => n.attrs.DefaultValue);
    expect(urlsIn.length).toBeGreaterThan(8);
    for (const u of urlsIn) expect(u.startsWith('https://coder.example.org/addin/') || u === 'https://coder.example.org/addin').toBe(true);
  });
});
