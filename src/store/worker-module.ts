/*
 * A worker thread runs the same code as the module that starts it. When that
 * module runs as TypeScript from src/ (vitest, tsx, an editor's runner), the
 * worker runs the TypeScript beside it: a worker taken from a compiled lib/
 * ran stale code that the tests never saw. When it runs compiled from lib/,
 * the worker is the compiled .js beside it, which needs no tsx (a devDependency).
 *
 * `execArgv: ['--import', 'tsx']` does not do it on Node 20: tsx registers its
 * hooks in the main thread only there, and a worker does not see them.
 */

/** The worker module `name` beside the module at `callerUrl`, for `new Worker`: `name.js` from lib/, or `name.ts` run through tsx from src/. */
export function workerModule(callerUrl: string, name: string): URL {
  if (!new URL(callerUrl).pathname.endsWith('.ts')) return new URL(`./${name}.js`, callerUrl);
  return throughTsx(new URL(`./${name}.ts`, callerUrl));
}

/** A `data:` module that registers tsx in the worker's own thread, then imports the TypeScript module. */
function throughTsx(module: URL): URL {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `const { register } = await import(${JSON.stringify(tsx)});\nregister();\nawait import(${JSON.stringify(module.href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
