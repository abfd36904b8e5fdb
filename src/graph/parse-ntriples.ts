import type { Readable } from 'node:stream';
import { Parser, type Store } from 'n3';

/**
 * Parses N-Triples straight into a store (never all quads in an array beside
 * it), keeping blank node labels; from a text, or from a byte stream that the
 * parser decodes as it reads, so a character split between two chunks is read whole.
 */
export function parseNTriplesInto(store: Store, input: string | Readable): Promise<Store> {
  return new Promise((resolve, reject) => {
    new Parser({ format: 'application/n-triples', blankNodePrefix: '' }).parse(input as never, (error, quad) => {
      if (error) reject(error);
      else if (quad) store.addQuad(quad);
      else resolve(store);
    });
  });
}
