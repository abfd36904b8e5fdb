// rdf-canonize ships no types; only what canonical-graph.ts calls is declared.
declare module 'rdf-canonize' {
  import type { Quad } from '@rdfjs/types';

  /** RDF Dataset Canonicalization (RDFC-1.0): the dataset as sorted canonical N-Quads. */
  export function canonize(
    dataset: readonly Quad[],
    options: { readonly algorithm: 'RDFC-1.0'; readonly canonicalIdMap?: Map<string, string>; readonly maxWorkFactor?: number; readonly signal?: AbortSignal },
  ): Promise<string>;

  /** The N-Quads serialiser canonicalisation writes its lines with. */
  export const NQuads: { serializeQuad(quad: Quad): string };
}
