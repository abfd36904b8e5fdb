import { readFileSync } from 'node:fs';

/**
 * A file's bytes as views of 4 MiB, which Oxigraph's `load` parses as one
 * stream: the peers load graph.nt this way, as the server's workers do, since
 * the graph of 100 000 datasets (1.1 GB) is longer than V8 allows a string to be.
 */
export function* fileSlices(path: string, sliceBytes = 4 * 1024 * 1024): Generator<Uint8Array> {
  const bytes = readFileSync(path);
  for (let offset = 0; offset < bytes.byteLength; offset += sliceBytes) yield bytes.subarray(offset, Math.min(offset + sliceBytes, bytes.byteLength));
}
