import { describe, expect, it } from 'vitest';
import { OxigraphRunner } from '../../src/store/oxigraph-runner.js';
import {
  EngineFailureError,
  QueryEvaluationError,
  QueryRefusedError,
  QueryTimeoutError,
  TooManyLongQueriesError,
  classifyEngineError,
  rebuildError,
  transferError,
} from '../../src/store/query-errors.js';

const NQUADS = '<http://example.org/a> <http://example.org/b> "c" .\n';

/** Runs a query on Oxigraph below the policy, returning what it threw (undefined when it answered). */
async function oxigraphError(runner: OxigraphRunner, text: string): Promise<unknown> {
  const { chunks } = runner.run(text, { mediaType: 'application/sparql-results+json', maxRows: 10, deadline: Date.now() + 5000, timeLimitMs: 5000, shape: { form: 'ask', variables: [], variableOrder: [] } });
  try {
    for await (const chunk of chunks) void chunk;
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('classifyEngineError', () => {
  it('reads a plain Error from an engine as its report about the query, first line only', () => {
    const error = classifyEngineError(new Error('The custom function <http://example.org/f> is not supported\nsecond line'));
    expect(error).toBeInstanceOf(QueryEvaluationError);
    expect(error.message).toBe('The query could not be evaluated: The custom function <http://example.org/f> is not supported');
  });

  it("reads Comunica's expression errors (subclasses of its ExpressionError) as reports about the query", () => {
    class ExpressionError extends Error {}
    class InvalidArgumentTypes extends ExpressionError {}
    const error = classifyEngineError(new InvalidArgumentTypes('Argument types not valid for operator: +'));
    expect(error).toBeInstanceOf(QueryEvaluationError);
    expect(error.message).toBe('The query could not be evaluated: Argument types not valid for operator: +');
  });

  it('turns a TypeError, a RangeError, a trap or a non-Error into an engine failure that keeps the original as its cause', () => {
    for (const original of [new TypeError("Cannot read properties of undefined (reading 'termType')"), new RangeError('Maximum call stack size exceeded'), new WebAssembly.RuntimeError('unreachable'), 'a string']) {
      const error = classifyEngineError(original);
      expect(error).toBeInstanceOf(EngineFailureError);
      expect(error.message).toBe('The query engine failed while running this query; the failure has been logged.');
      expect(error.cause).toBe(original);
    }
  });

  it("leaves this endpoint's own errors as they are", () => {
    for (const own of [new QueryRefusedError('no'), new QueryTimeoutError(1000), new TooManyLongQueriesError('busy', 3), new EngineFailureError(new Error('x'))]) {
      expect(classifyEngineError(own)).toBe(own);
    }
  });

  it('classifies a real Oxigraph trap as an engine failure, and its parse errors as the query\'s', async () => {
    const runner = new OxigraphRunner(NQUADS, { baseIri: 'http://example.org/sparql', prefixes: {} });
    const parse = classifyEngineError(await oxigraphError(runner, 'ASK { ?s ?p '));
    expect(parse).toBeInstanceOf(QueryEvaluationError);
    expect(parse.message).toMatch(/^The query could not be evaluated: error at 1:13: expected one of /);
    // Deep nesting overflows the WebAssembly stack; the instance is corrupt from then on.
    const hostile = `ASK { ${'{'.repeat(20_000)} ?s ?p ?o ${'}'.repeat(20_000)} }`;
    const trap = classifyEngineError(await oxigraphError(runner, hostile));
    expect(trap).toBeInstanceOf(EngineFailureError);
    expect((trap.cause as Error).message).toBe('memory access out of bounds');
    expect(classifyEngineError(await oxigraphError(runner, 'ASK { ?s ?p ?o }'))).toBeInstanceOf(EngineFailureError);
  });
});

describe('errors sent by a worker', () => {
  it('come back as the same class, an engine failure with its cause and stack', () => {
    const original = new WebAssembly.RuntimeError('memory access out of bounds');
    const rebuilt = rebuildError(transferError(classifyEngineError(original)), 1000);
    expect(rebuilt).toBeInstanceOf(EngineFailureError);
    expect((rebuilt.cause as Error).name).toBe('RuntimeError');
    expect((rebuilt.cause as Error).stack).toBe(original.stack);
    const evaluation = rebuildError(transferError(new QueryEvaluationError('The query could not be evaluated: x')), 1000);
    expect(evaluation).toBeInstanceOf(QueryEvaluationError);
    expect(evaluation.message).toBe('The query could not be evaluated: x');
    const timeout = rebuildError(transferError(new QueryTimeoutError(2500)), 2500) as QueryTimeoutError;
    expect(timeout).toBeInstanceOf(QueryTimeoutError);
    expect(timeout.retryAfterSeconds).toBe(3);
  });

  it('an unknown class name is an engine failure, not the query\'s fault', () => {
    const rebuilt = rebuildError({ name: 'TypeError', message: 'x is not a function' }, 1000);
    expect(rebuilt).toBeInstanceOf(EngineFailureError);
    expect((rebuilt.cause as Error).message).toBe('x is not a function');
  });
});
