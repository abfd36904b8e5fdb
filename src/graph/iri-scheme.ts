import { DataFactory } from 'n3';
import type { NamedNode } from '@rdfjs/types';

/** Every IRI the graph mints, all under one public base; nothing else builds IRIs. */
export class IriScheme {
  readonly base: string;

  constructor(base: string) {
    const url = URL.canParse(base) ? new URL(base) : undefined;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new Error(`BASE_URL must be an absolute http(s) URL such as http://localhost:3000/, not "${base}"`);
    }
    if (url.search || url.hash) throw new Error(`BASE_URL must not have a query or fragment: ${base}`);
    this.base = url.href.endsWith('/') ? url.href : `${url.href}/`;
  }

  /** The IRI of a thing of the kind whose IRIs start with `segment`, e.g. `{base}id/person/tracey-p-lauriault`. */
  resource(segment: string, slug: string): NamedNode {
    return DataFactory.namedNode(`${this.base}id/${segment}/${slug}`);
  }

  /** The IRI of a part described inside a thing's description, e.g. a distribution. */
  part(of: NamedNode, fragment: string): NamedNode {
    return DataFactory.namedNode(`${of.value}#${fragment}`);
  }

  /** The DCAT catalogue of the project's outputs. */
  get catalog(): NamedNode {
    return DataFactory.namedNode(`${this.base}id/catalog`);
  }

  /** The home page of this publication, the catalogue's foaf:homepage. */
  get homepage(): NamedNode {
    return DataFactory.namedNode(this.base);
  }

  /** The IRI a vocab/ file is parsed against, so its relative IRIs land under the base. */
  vocabularyFile(fileName: string): string {
    return `${this.base}vocab/${fileName}`;
  }

  /** The namespace of the project's own ontology. */
  get ontology(): string {
    return `${this.base}vocab/ontology#`;
  }

  /**
   * The document describing a resource, optionally in one format (`.ttl`):
   * `{base}id/x/y` → `{base}doc/x/y`, the ontology → `{base}doc/vocab/ontology`.
   * Undefined for IRIs that are not resources under this base.
   */
  documentOf(resource: string, extension?: string): string | undefined {
    const suffix = extension ? `.${extension}` : '';
    if (resource === this.ontologyResource) return `${this.base}doc/vocab/ontology${suffix}`;
    const path = this.relative(resource);
    if (!path?.startsWith('id/') || path.length === 'id/'.length || path.includes('#')) return undefined;
    return `${this.base}doc/${path.slice('id/'.length)}${suffix}`;
  }

  /** The resource a document (without extension) describes; the inverse of `documentOf`. */
  resourceOf(document: string): string | undefined {
    const path = this.relative(document);
    if (!path?.startsWith('doc/') || path.length === 'doc/'.length || path.includes('#')) return undefined;
    const rest = path.slice('doc/'.length);
    return rest === 'vocab/ontology' ? this.ontologyResource : `${this.base}id/${rest}`;
  }

  /** The ontology itself, whose terms are its hash IRIs. */
  private get ontologyResource(): string {
    return `${this.base}vocab/ontology`;
  }

  private relative(iri: string): string | undefined {
    return iri.startsWith(this.base) ? iri.slice(this.base.length) : undefined;
  }
}
