import { join } from 'node:path';
import { PROJECT_ROOT } from './build-test-graph.js';

/**
 * `node` arguments that run the command line from src/ through tsx: tests check
 * the source, never a compiled lib/ that may be stale. tsx is given by URL so
 * that the CLI can run in any working folder.
 */
export const CLI = ['--import', import.meta.resolve('tsx'), join(PROJECT_ROOT, 'src/cli/main.ts')];
