import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/build-test-graph.js';

const PAGES = join(PROJECT_ROOT, 'src', 'pages');

describe('src/pages/', () => {
  it('knows nothing of HTTP: no import of http/, Express or a negotiator', () => {
    const offending = readdirSync(PAGES)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [...readFileSync(join(PAGES, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => ({ file, module: match[1]! })))
      .filter(({ module }) => /^\.\.\/http\/|^express$|^negotiator$/.test(module))
      .map(({ file, module }) => `${file} imports ${module}`);
    expect(offending).toEqual([]);
  });
});

describe('src/harvest/', () => {
  it('knows nothing of HTTP or pages: no import of http/, pages/, Express or a negotiator', () => {
    const dir = join(PROJECT_ROOT, 'src', 'harvest');
    const offending = readdirSync(dir)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => ({ file, module: match[1]! })))
      .filter(({ module }) => /^\.\.\/(http|pages|cli)\/|^express$|^negotiator$/.test(module))
      .map(({ file, module }) => `${file} imports ${module}`);
    expect(offending).toEqual([]);
  });
});
