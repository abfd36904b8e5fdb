import type { RecordView } from '../store/record-view.js';
import type { CiteAs } from './cite-as.js';
import { renderOrganisationPage } from './organisation-page.js';
import { renderOutputPage } from './output-page.js';
import { renderPersonPage } from './person-page.js';
import { renderProjectPage } from './project-page.js';
import type { ResourcePage } from './resource-page.js';

/** What only some record pages take: an output's "Cite as". */
export interface RecordPageExtras {
  readonly citeAs?: CiteAs;
}

/** The record page its view is for: an output's, a person's, an organisation's or a project's. */
export function renderRecordPage(page: ResourcePage, view: RecordView, extras: RecordPageExtras = {}): string {
  switch (view.page) {
    case 'output':
      return renderOutputPage({ ...page, view, ...(extras.citeAs ? { citeAs: extras.citeAs } : {}) });
    case 'person':
      return renderPersonPage({ ...page, view });
    case 'organisation':
      return renderOrganisationPage({ ...page, view });
    case 'project':
      return renderProjectPage({ ...page, view });
  }
}
