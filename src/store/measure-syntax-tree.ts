/** The sizes of a parsed query that decide whether an engine can plan and run it. */
export interface SyntaxTreeMeasures {
  /** The most triple patterns in one basic graph pattern (an object list `?s ?p 1, 2` counts one per object). */
  readonly triplePatterns: number;
  /** The deepest nesting of operators and function calls: `1+1+1…` nests one level per `+`, brackets or not. */
  readonly expressionDepth: number;
  /** The most steps of one property path (`<p>/<q>/…` or `<p>|<q>|…`). */
  readonly pathSteps: number;
  /** The most arguments of one operator or function (`IN (…)`, `COALESCE(…)`, `CONCAT(…)`). */
  readonly arguments: number;
}

/**
 * Measures a sparqljs syntax tree from an explicit stack, so no shape of tree
 * can overflow the call stack here. The text limits bound the brackets; these
 * bound what sparqljs keeps flat or nests without brackets, which Oxigraph's
 * planner and its recursive evaluator still choke on (its WebAssembly traps
 * from about 208 objects in one list, 530 path steps, 2,300 chained `+` or
 * `&&`, 3,700 `IN` items; a group of 150 identical triple patterns took it 5.8 s to plan, of 128 patterns with one subject 8 s on a loaded machine, of 64 under half a second; patterns in separate UNION branches are planned apart).
 */
export function measureSyntaxTree(tree: unknown): SyntaxTreeMeasures {
  let triplePatterns = 0;
  let expressionDepth = 0;
  let pathSteps = 0;
  let args = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const child of node) stack.push({ node: child, depth });
      continue;
    }
    const record = node as Record<string, unknown>;
    let childDepth = depth;
    if (record.type === 'bgp' && Array.isArray(record.triples)) triplePatterns = Math.max(triplePatterns, record.triples.length);
    if (record.type === 'path' && Array.isArray(record.items)) pathSteps = Math.max(pathSteps, record.items.length);
    if ((record.type === 'operation' || record.type === 'functionCall') && Array.isArray(record.args)) {
      childDepth = depth + 1;
      expressionDepth = Math.max(expressionDepth, childDepth);
      // `?x IN (…)` keeps its list as one array argument.
      for (const arg of record.args) if (Array.isArray(arg)) args = Math.max(args, arg.length);
      args = Math.max(args, record.args.length);
    }
    for (const child of Object.values(record)) stack.push({ node: child, depth: childDepth });
  }
  return { triplePatterns, expressionDepth, pathSteps, arguments: args };
}
