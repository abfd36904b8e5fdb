import { DataFactory, type Store } from 'n3';
import type { IriScheme } from '../graph/iri-scheme.js';
import type { RecordPageName } from '../kinds/kind.js';
import { agentView, type AgentView } from './agent-view.js';
import { outputView, type OutputView } from './output-view.js';
import { projectView, type ProjectView } from './project-view.js';

/** What one record page shows, read from the graph; `page` says which. */
export type RecordView = OutputView | AgentView | ProjectView;

/** Reads, for the record page `name`, what the page of `iri` shows. */
export function recordView(name: RecordPageName, store: Store, iris: IriScheme, iri: string): RecordView {
  const node = DataFactory.namedNode(iri);
  switch (name) {
    case 'output':
      return outputView(store, iris, node);
    case 'person':
    case 'organisation':
      return agentView(store, iris, node, name);
    case 'project':
      return projectView(store, iris, node);
  }
}
