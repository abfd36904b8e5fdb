import { basename } from 'node:path';
import { Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { Quad, Term } from '@rdfjs/types';

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
export async function validateGraph(graph: Store, shapesGraphs: readonly ShapesGraph[]): Promise<GraphValidation> {
  const results: ShapeResult[] = [];
  for (const shapes of shapesGraphs) {
    const validator = new SHACLValidator(new Store([...shapes.quads]));
    const report = await validator.validate(graph);
    for (const result of report.results) {
      const severity = (result.severity?.value.split('#')[1] ?? 'Violation') as ShapeResult['severity'];
      results.push({
        severity,
        shapes: shapes.source,
        focusNode: termText(result.focusNode),
        path: termText(result.path),
        message: result.message.map((message: Term) => message.value).join(' ') || basename(result.sourceConstraintComponent?.value ?? 'constraint'),
      });
    }
  }
  const order = (result: ShapeResult) => `${result.focusNode} ${result.path} ${result.message}`;
  results.sort((a, b) => order(a).localeCompare(order(b), 'en'));
  const violations = results.filter((result) => result.severity === 'Violation');
  return { conforms: violations.length === 0, violations, warnings: results.filter((result) => result.severity !== 'Violation') };
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
    groups.set(key, [...(groups.get(key) ?? []), warning]);
  }
  return [...groups.entries()].map(
    ([key, results]) => `Warning ×${results.length}: ${key}, e.g. on ${results[0]!.focusNode}`,
  );
}
