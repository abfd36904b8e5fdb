import { basename } from 'node:path';
import { DataFactory, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';

/** A set of SHACL shapes and where it came from, for the report. */
export interface ShapesGraph {
  readonly source: string;
  readonly quads: readonly Quad[];
}

/** One SHACL result, in terms a maintainer can act on. */
export interface ShapeResult {
  readonly severity: 'Violation' | 'Warning' | 'Info';
  readonly shapes: string;
  readonly focusNode: string;
  readonly path: string;
  readonly message: string;
}

/** The outcome of validating the graph against every shapes graph. */
export interface GraphValidation {
  readonly conforms: boolean;
  readonly violations: readonly ShapeResult[];
  readonly warnings: readonly ShapeResult[];
}

/** Validates the graph against each shapes graph; only sh:Violation results make it fail. */
export async function validateGraph(
  graph: Store,
  shapesGraphs: readonly ShapesGraph[],
  options: { readonly batches?: number; readonly onBatch?: () => void } = {},
): Promise<GraphValidation> {
  const batches = new FocusBatches(graph, options.batches ?? 1);
  const results: ShapeResult[] = [];
  for (const shapes of shapesGraphs) {
    const validator = new ShapesValidator(shapes);
    for (const batch of validator.batchesOf(batches)) {
      for (const result of await validator.validate(batches, batch)) results.push(result);
      options.onBatch?.();
    }
  }
  return collectResults(results);
}

/** The results of every batch, in one order whatever the batches were, split by severity. */
export function collectResults(results: ShapeResult[]): GraphValidation {
  // One collator compares as localeCompare(…, 'en') does, without building one per comparison.
  const collator = new Intl.Collator('en');
  const order = (result: ShapeResult) => `${result.focusNode} ${result.path} ${result.message}`;
  const keyed = results.map((result) => ({ result, key: order(result) }));
  keyed.sort((a, b) => collator.compare(a.key, b.key));
  const sorted = keyed.map((entry) => entry.result);
  const violations = sorted.filter((result) => result.severity === 'Violation');
  return { conforms: violations.length === 0, violations, warnings: sorted.filter((result) => result.severity !== 'Violation') };
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SH = 'http://www.w3.org/ns/shacl#';
/** Targets other than classes name their focus nodes some other way than by rdf:type; such shapes are validated in one piece. */
const UNSPLITTABLE_TARGETS = new Set([`${SH}targetNode`, `${SH}targetSubjectsOf`, `${SH}targetObjectsOf`, `${SH}target`]);

/**
 * The focus nodes of a graph split into batches by a hash of their IRI, and
 * the graph as each batch sees it: every triple, except that asking for the
 * instances of a class (how the validator finds the focus nodes of
 * sh:targetClass and implicit class targets) answers with that batch's
 * instances only. Each focus node is thus validated in exactly one batch,
 * against the whole graph, and a batch's report stays small.
 */
export class FocusBatches {
  private readonly instances = new Map<string, Quad[][]>();

  constructor(
    readonly graph: Store,
    readonly count: number,
  ) {}

  /** The data graph as batch `index` sees it (a DatasetCore for the validator). */
  view(index: number): DatasetCore {
    const { graph } = this;
    const match = (subject?: Term | null, predicate?: Term | null, object?: Term | null, graphName?: Term | null) => {
      if (!subject && predicate?.value === RDF_TYPE && predicate.termType === 'NamedNode' && object && !graphName) {
        return new Store(this.instancesOf(object)[index]);
      }
      return graph.match(subject as never, predicate as never, object as never, graphName as never);
    };
    return readOnlyDataset(graph, match);
  }

  /** Which batch a focus node belongs to. */
  batchOf(term: Term): number {
    return this.count === 1 ? 0 : fnv1a(term.value) % this.count;
  }

  private instancesOf(type: Term): Quad[][] {
    const key = `${type.termType} ${type.value}`;
    let byBatch = this.instances.get(key);
    if (!byBatch) {
      byBatch = Array.from({ length: this.count }, () => []);
      for (const quad of this.graph.getQuads(null, DataFactory.namedNode(RDF_TYPE), type, null)) byBatch[this.batchOf(quad.subject)]!.push(quad);
      this.instances.set(key, byBatch);
    }
    return byBatch;
  }
}

/** One shapes graph, parsed once and reused for every batch of focus nodes. */
export class ShapesValidator {
  private readonly validator: SHACLValidator;
  /** Whether the shapes find all their focus nodes by class, so that batches cover them exactly. */
  readonly splittable: boolean;
  private readonly texts = new Map<string, string>();

  constructor(readonly shapes: ShapesGraph) {
    // maxNodeChecks (default 50) stops re-checking a value node against an sh:node shape after 50
    // checks in one run and counts it as conforming: results then depended on how many focus nodes
    // shared it (a publisher, a DCMI type) and on how the graph was split. It is turned off, and
    // each (value node, shape) answer is remembered instead, which is as fast and complete.
    // (The option is read by rdf-validate-shacl's engine but missing from its type declarations.)
    const options = { maxNodeChecks: 0 } as ConstructorParameters<typeof SHACLValidator>[1];
    this.validator = new SHACLValidator(new Store([...shapes.quads]), options);
    rememberNodeConformance(this.validator);
    this.splittable = splitsByFocusNode(shapes.quads);
  }

  /** The batches this shapes graph is validated in: all of them, or -1 (the whole graph at once) when it cannot be split. */
  batchesOf(batches: FocusBatches): number[] {
    return batchIndexes(this.splittable, batches.count);
  }

  /** Validates one batch of focus nodes (-1: the whole graph in one piece). */
  async validate(batches: FocusBatches, batch: number): Promise<ShapeResult[]> {
    return this.validateDataset(batch < 0 || batches.count === 1 ? batches.graph : batches.view(batch));
  }

  /**
   * One copy of each path and message: a large catalogue has a million warnings
   * (recommended properties its data leaves out), with a few dozen distinct texts.
   */
  private intern(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }

  /** Validates the focus nodes of a data graph (a window of a graph, see WindowValidator). */
  async validateDataset(dataset: DatasetCore): Promise<ShapeResult[]> {
    const report = await this.validator.validate(dataset);
    return report.results.map((result) => ({
      severity: (result.severity?.value.split('#')[1] ?? 'Violation') as ShapeResult['severity'],
      shapes: this.shapes.source,
      focusNode: termText(result.focusNode),
      path: this.intern(termText(result.path)),
      message: this.intern(result.message.map((message: Term) => message.value).join(' ') || basename(result.sourceConstraintComponent?.value ?? 'constraint')),
    }));
  }
}

/** The classes of every subject of a graph, kept while its triples are not: a shape checks a referenced node's class (sh:class) with it. */
export class TypeIndex {
  private readonly types = new Map<string, readonly Term[]>();
  /** One array per distinct set of classes, shared by every subject that has it. */
  private readonly sets = new Map<string, readonly Term[]>();

  /** Records the rdf:type triples among these. */
  add(quads: readonly Quad[]): void {
    for (const quad of quads) {
      if (quad.predicate.value !== RDF_TYPE || quad.subject.termType !== 'NamedNode') continue;
      const known = this.types.get(quad.subject.value) ?? [];
      if (known.some((type) => type.equals(quad.object))) continue;
      const types = [...known, quad.object].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      const key = types.map((type) => type.value).join(' ');
      let shared = this.sets.get(key);
      if (!shared) {
        shared = types;
        this.sets.set(key, shared);
      }
      this.types.set(quad.subject.value, shared);
    }
  }

  /** The rdf:type triples of a subject. */
  quadsOf(subject: Term): Quad[] {
    if (subject.termType !== 'NamedNode') return [];
    return (this.types.get(subject.value) ?? []).map((type) => DataFactory.quad(subject as never, DataFactory.namedNode(RDF_TYPE), type as never));
  }
}

/**
 * Validates a graph one window at a time, as the build merges it: a window
 * holds every triple of its subjects, which are the focus nodes validated in
 * it. A shape that looks past its focus node sees, of a node in another
 * window, its classes (from the TypeIndex: what sh:class needs), and of the
 * vocabulary terms the graph publishes (`context`: the EU languages and file
 * types sh:node checks, the class hierarchy) all their triples. Shapes that
 * find focus nodes other than by class or by their subjects' triples cannot be
 * validated a window at a time and are refused.
 */
export class WindowValidator {
  private readonly validators: ShapesValidator[];
  private readonly context: Store;

  constructor(shapesGraphs: readonly ShapesGraph[], private readonly types: TypeIndex, context: readonly Quad[]) {
    for (const shapes of shapesGraphs) {
      const target = shapes.quads.find((quad) => UNSPLITTABLE_TARGETS.has(quad.predicate.value) && quad.predicate.value !== `${SH}targetSubjectsOf`);
      if (target) throw new Error(`${shapes.source}: the build validates the graph a slice at a time, by class or by subject; shapes with <${target.predicate.value}> need the whole graph.`);
    }
    this.validators = shapesGraphs.map((shapes) => new ShapesValidator(shapes));
    this.context = new Store([...context]);
  }

  /** The results on the focus nodes among these triples (every triple of each of their subjects). */
  async validate(window: readonly Quad[]): Promise<ShapeResult[]> {
    const dataset = windowView(new Store([...window]), this.context, this.types);
    const results: ShapeResult[] = [];
    for (const validator of this.validators) for (const result of await validator.validateDataset(dataset)) results.push(result);
    return results;
  }
}

/** Triples found by a match, as the validator reads them (iterated, counted); cheaper than a store for every lookup. */
class FoundQuads {
  constructor(private readonly quads: readonly Quad[]) {}

  get size(): number {
    return this.quads.length;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.quads[Symbol.iterator]();
  }
}

const NOTHING = new FoundQuads([]);

/** A window of the graph as the validator sees it (see WindowValidator). */
function windowView(window: Store, context: Store, types: TypeIndex): DatasetCore {
  const inWindow = new Set<string>();
  for (const subject of window.getSubjects(null, null, null)) inWindow.add(`${subject.termType} ${subject.value}`);
  const inContext = new Set<string>();
  for (const subject of context.getSubjects(null, null, null)) inContext.add(`${subject.termType} ${subject.value}`);
  const match = (subject?: Term | null, predicate?: Term | null, object?: Term | null, graphName?: Term | null) => {
    if (subject) {
      const key = `${subject.termType} ${subject.value}`;
      if (inWindow.has(key)) return new FoundQuads(window.getQuads(subject, predicate ?? null, object ?? null, graphName ?? null));
      if (inContext.has(key)) return new FoundQuads(context.getQuads(subject, predicate ?? null, object ?? null, graphName ?? null));
      if ((predicate && predicate.value !== RDF_TYPE) || graphName) return NOTHING;
      return new FoundQuads(types.quadsOf(subject).filter((quad) => !object || quad.object.equals(object)));
    }
    // The instances of a class are the focus nodes of this window only.
    if (predicate?.value === RDF_TYPE) return new FoundQuads(window.getQuads(null, predicate, object ?? null, graphName ?? null));
    return new FoundQuads([...window.getQuads(null, predicate ?? null, object ?? null, graphName ?? null), ...context.getQuads(null, predicate ?? null, object ?? null, graphName ?? null)]);
  };
  return readOnlyDataset(window, match);
}

/** A dataset the validator reads: `store`'s size, membership and iteration, with `match` answering its lookups. */
function readOnlyDataset(store: Store, match: DatasetCore['match'] | ((...args: never[]) => unknown)): DatasetCore {
  return {
    get size() {
      return store.size;
    },
    match,
    has: (quad: Quad) => store.has(quad),
    add: () => {
      throw new Error('The data graph is read-only during validation.');
    },
    delete: () => {
      throw new Error('The data graph is read-only during validation.');
    },
    [Symbol.iterator]: () => store[Symbol.iterator](),
  } as unknown as DatasetCore;
}

/**
 * Makes sh:node checks (SHACLValidator.validateNodeAgainstShape, called by
 * the sh:node constraint) answer each (value node, shape) pair once: the
 * answer depends on nothing else, since the data graph does not change during
 * a build. A pair met again while it is being checked (a cycle) is assumed to
 * conform, so recursive shapes terminate. Only the nested details under an
 * "does not have shape" result are not repeated, and the build reports none.
 */
function rememberNodeConformance(validator: SHACLValidator): void {
  const target = validator as unknown as { validateNodeAgainstShape(node: Term, shape: Term): boolean };
  const check = target.validateNodeAgainstShape.bind(target);
  const answers = new Map<string, boolean>();
  target.validateNodeAgainstShape = (node, shape) => {
    const key = `${termIdentity(node)}\u0001${termIdentity(shape)}`;
    const known = answers.get(key);
    if (known !== undefined) return known;
    answers.set(key, true);
    const conforms = check(node, shape);
    answers.set(key, conforms);
    return conforms;
  };
}

function termIdentity(term: Term): string {
  return term.termType === 'Literal' ? `L\u0000${term.value}\u0000${term.language}\u0000${term.datatype.value}` : `${term.termType}\u0000${term.value}`;
}

/** Batches 0…count-1, or -1 alone (the whole graph at once) for shapes that cannot be split. */
export function batchIndexes(splittable: boolean, count: number): number[] {
  return splittable ? Array.from({ length: count }, (_, index) => index) : [-1];
}

/** Whether shapes find all their focus nodes by class (and never walk rdf:type backwards), so batches cover them exactly. */
export function splitsByFocusNode(shapes: readonly Quad[]): boolean {
  return shapes.every((quad) => !UNSPLITTABLE_TARGETS.has(quad.predicate.value) && !(quad.predicate.value === `${SH}inversePath` && quad.object.value === RDF_TYPE));
}

/** FNV-1a, 32 bits: a cheap, stable spread of IRIs over batches. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function termText(term: Term | null | undefined): string {
  if (!term) return '';
  return term.termType === 'NamedNode' ? `<${term.value}>` : term.value;
}

/** One line per result: severity, focus node, path, message and which shapes said so. */
export function formatShapeResult(result: ShapeResult): string {
  const path = result.path ? ` ${result.path}` : '';
  return `${result.severity}: ${result.focusNode}${path}: ${result.message} (${result.shapes})`;
}

/** Warnings grouped by path and message, one line per group with a count and an example node. */
export function summariseWarnings(warnings: readonly ShapeResult[]): string[] {
  const groups = new Map<string, ShapeResult[]>();
  for (const warning of warnings) {
    const key = `${warning.path}: ${warning.message} (${warning.shapes})`;
    const group = groups.get(key);
    if (group) group.push(warning);
    else groups.set(key, [warning]);
  }
  return [...groups.entries()].map(
    ([key, results]) => `Warning ×${results.length}: ${key}, e.g. on ${results[0]!.focusNode}`,
  );
}
