import { Parser, type Store } from 'n3';

/** Parses N-Triples straight into a store (never all quads in an array beside it), keeping blank node labels. */
export function parseNTriplesInto(store: Store, text: string): Promise<Store> {
  return new Promise((resolve, reject) => {
    new Parser({ format: 'application/n-triples', blankNodePrefix: '' }).parse(text, (error, quad) => {
      if (error) reject(error);
      else if (quad) store.addQuad(quad);
      else resolve(store);
    });
  });
}
