/** Just enough Markdown reading for the link test: links outside code, and GitHub's heading ids. */

export interface Link {
  target: string;
  line: number;
}

/** Lines outside fenced code blocks, with inline code spans blanked. */
function proseLines(md: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let fenced = false;
  md.split('\n').forEach((raw, i) => {
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      return;
    }
    if (!fenced) out.push({ text: raw.replace(/`[^`]*`/g, ''), line: i + 1 });
  });
  return out;
}

/** Relative link and image targets (`[text](target)`, `![alt](target "title")`); external schemes left out. */
export function relativeLinks(md: string): Link[] {
  const links: Link[] = [];
  for (const { text, line } of proseLines(md)) {
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(m[1])) links.push({ target: m[1], line });
    }
  }
  return links;
}

/** GitHub's ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered -1, -2 ... */
export function headingIds(md: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const raw of md.split('\n')) {
    if (/^\s*```/.test(raw)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw);
    if (!m) continue;
    const base = m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}
