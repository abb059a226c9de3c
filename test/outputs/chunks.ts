/** Text given in pieces, as a part inflates: for the streaming readers' tests. */

/** `text` cut at each of `cuts` (taken modulo its length, in order; repeats ignored). */
export function cutAt(text: string, cuts: number[]): string[] {
  const positions = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let at = 0;
  for (const p of positions) {
    chunks.push(text.slice(at, p));
    at = p;
  }
  chunks.push(text.slice(at));
  return chunks;
}

export async function* streamOf(chunks: string[]): AsyncIterable<string> {
  for (const chunk of chunks) yield chunk;
}
