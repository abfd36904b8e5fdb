import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/build-test-graph.js';

const CITATION = join(PROJECT_ROOT, 'src', 'citation');

describe('src/citation/', () => {
  it('sits between store and pages: no import of pages/, http/ or Express, so a page can use it', () => {
    const offending = readdirSync(CITATION)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [...readFileSync(join(CITATION, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => ({ file, module: match[1]! })))
      .filter(({ module }) => /^\.\.\/(http|pages|cli)\/|^express$/.test(module))
      .map(({ file, module }) => `${file} imports ${module}`);
    expect(offending).toEqual([]);
  });
});
