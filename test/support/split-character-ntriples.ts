/**
 * N-Triples of a little over 4 MiB (the size of a slice when graph.nt is read
 * or loaded in slices) whose last literal has an "é" (two bytes in UTF-8)
 * straddling the 4 MiB boundary: what reading in slices must not break.
 */
export function splitCharacterNTriples(languageTag = ''): { readonly text: string; readonly literal: string; readonly lines: number } {
  const boundary = 4 * 1024 * 1024;
  const lines: string[] = [];
  let bytes = 0;
  for (let n = 0; bytes + 200 < boundary; n += 1) {
    const line = `<http://example.org/s${n}> <http://example.org/p> "${'a'.repeat(60 - String(n).length)}" .\n`;
    lines.push(line);
    bytes += Buffer.byteLength(line);
  }
  const head = '<http://example.org/split> <http://example.org/p> "';
  const literal = `${'b'.repeat(boundary - bytes - Buffer.byteLength(head) - 1)}été`;
  lines.push(`${head}${literal}"${languageTag} .\n`);
  return { text: lines.join(''), literal, lines: lines.length };
}
