import { catalog } from './catalog.js';
import { documents } from './documents.js';
import { funding } from './funding.js';
import type { Kind } from './kind.js';
import { organisations } from './organisations.js';
import { outputs } from './outputs.js';
import { people } from './people.js';
import { projects } from './projects.js';

/**
 * Every kind of thing published from data/, in the order files are loaded,
 * checked, read and mapped. Adding a kind is a module and a line here.
 */
export const ALL_KINDS: readonly Kind<unknown>[] = [catalog, organisations, people, projects, funding, documents, outputs];
