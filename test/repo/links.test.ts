/**
 * Every relative link in README.md and docs/ resolves: the file exists, and a `#fragment` names a heading of
 * that file (GitHub's heading ids). External links (http, https, mailto) are not fetched.
 */
import * as fs from 'fs';
import * as path from 'path';
import { headingIds, relativeLinks } from './markdown';

const ROOT = path.resolve(__dirname, '..', '..');

function markdownFiles(): string[] {
  const docs = path.join(ROOT, 'docs');
  const inDocs = fs.existsSync(docs) ? fs.readdirSync(docs).filter((f) => f.endsWith('.md')).map((f) => path.join(docs, f)) : [];
  return [path.join(ROOT, 'README.md'), ...inDocs];
}

describe('links in README.md and docs/', () => {
  it('the heading ids follow GitHub', () => {
    const ids = headingIds('# The command line: `infusion-coder`\n## Findings\n```\n# not a heading\n```\n## Findings\n### Times (Start, Stop)\n');
    expect([...ids]).toEqual(['the-command-line-infusion-coder', 'findings', 'findings-1', 'times-start-stop']);
  });

  it('relative links and images are found, external ones and code are left out', () => {
    const md = 'See [a](docs/a.md#x), ![pic](docs/p.png "title") and [web](https://example.org).\n`[no](code.md)`\n```\n[no](block.md)\n```\n[top](#intro)\n';
    expect(relativeLinks(md).map((l) => l.target)).toEqual(['docs/a.md#x', 'docs/p.png', '#intro']);
  });

  const files = markdownFiles();
  it.each(files.map((f) => [path.relative(ROOT, f), f]))('every relative link in %s resolves', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const broken: string[] = [];
    for (const link of relativeLinks(text)) {
      const [target, fragment] = link.target.split('#');
      const resolved = target ? path.resolve(path.dirname(file), decodeURIComponent(target)) : file;
      if (!fs.existsSync(resolved)) {
        broken.push(`line ${link.line}: ${link.target} (no such file)`);
        continue;
      }
      if (fragment && resolved.endsWith('.md') && !headingIds(fs.readFileSync(resolved, 'utf8')).has(fragment)) {
        broken.push(`line ${link.line}: ${link.target} (no heading #${fragment} in ${path.relative(ROOT, resolved)})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('README.md links every page in docs/', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const linked = new Set(relativeLinks(readme).map((l) => l.target.split('#')[0]));
    const pages = files.slice(1).map((f) => path.relative(ROOT, f));
    expect(pages.filter((p) => !linked.has(p) && !isLinkedFromDocs(p))).toEqual([]);
  });
});

/** A docs page not linked from the README must at least be linked from another docs page. */
function isLinkedFromDocs(page: string): boolean {
  const name = path.basename(page);
  return markdownFiles()
    .slice(1)
    .filter((f) => path.basename(f) !== name)
    .some((f) => relativeLinks(fs.readFileSync(f, 'utf8')).some((l) => l.target.split('#')[0] === name));
}
