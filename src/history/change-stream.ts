import { createHash } from 'node:crypto';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { AS, DCT, LDES, PROV, RDF, TREE, XSD } from '../graph/namespaces.js';
import type { ChangeKind, ReleaseChanges, ResourceChange } from './release-changes.js';

const { namedNode, literal, quad } = DataFactory;

/** Members per page of the change stream unless CHANGES_PAGE_SIZE says otherwise. */
export const DEFAULT_CHANGES_PAGE_SIZE = 100;

/** The prefixes the stream's pages are written with, beside the graph's own. */
export const STREAM_PREFIXES: Readonly<Record<string, string>> = { as: AS.iri, ldes: LDES.iri, tree: TREE.iri };

/** The Activity Streams type of each kind of change (DCAT-AP Feeds: Create, Update, Remove). */
const ACTIVITY_TYPES: Readonly<Record<ChangeKind, typeof AS.Create>> = { created: AS.Create, updated: AS.Update, removed: AS.Remove };

/** A closed page of the stream: full, and never to change. */
export interface ClosedPage {
  /** Its id in `{base}changes/{id}`: the release of its first member and a hash of everything it holds, the page before it included. */
  readonly id: string;
  readonly members: readonly ResourceChange[];
  /** The page before it (older members), if any. */
  readonly older?: ClosedPage;
  /** How many members this page and the pages before it hold. */
  readonly reachable: number;
}

/** What the text of the stream describes the stream with, in each interface language. */
export interface StreamLabels {
  readonly title: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
}

/**
 * The change stream: a Linked Data Event Stream (LDES 1.0, TREE) following
 * DCAT-AP Feeds. Each member is an Activity Streams activity (as:Create,
 * as:Update, as:Remove) of one resource in one release, named
 * `{base}history/{path}#change-{release}`, with `as:object` the resource
 * (ldes:versionOfPath) and `as:published` the release's datetime
 * (ldes:timestampPath); the resource's description after a creation or an
 * update is in the named graph of the activity's IRI.
 *
 * Members are in stream order (oldest release first, then by resource IRI)
 * and cut into pages of `pageSize` from the oldest. Every full page is
 * closed: its URL holds a hash of its members and of the page before it, so
 * a URL never names other content, and it is served as immutable. The
 * newest members, fewer than a page, are on the root page `{base}changes`,
 * the stream's one view, which changes with each release. Every page links
 * the page before it with a tree:LessThanOrEqualToRelation on as:published,
 * so a client that polls the root finds what is new and stops at the first
 * page it already holds.
 */
export class ChangeStream {
  /** The closed pages, oldest first. */
  readonly closed: readonly ClosedPage[];
  /** The newest members, on the root page (fewer than a page; none when the last page just filled). */
  readonly open: readonly ResourceChange[];
  private readonly byId: ReadonlyMap<string, ClosedPage>;

  constructor(
    private readonly changes: ReleaseChanges,
    private readonly iris: IriScheme,
    readonly pageSize: number = DEFAULT_CHANGES_PAGE_SIZE,
  ) {
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`The change stream's page size must be a positive integer, not ${pageSize}`);
    const members = changes.all();
    const closed: ClosedPage[] = [];
    const full = Math.floor(members.length / pageSize) * pageSize;
    for (let start = 0; start < full; start += pageSize) {
      const onPage = members.slice(start, start + pageSize);
      const older = closed.at(-1);
      closed.push({ id: pageId(onPage, older, iris), members: onPage, ...(older ? { older } : {}), reachable: start + pageSize });
    }
    this.closed = closed;
    this.open = members.slice(full);
    this.byId = new Map(closed.map((page) => [page.id, page]));
  }

  /** The closed page with this id, if it is one. */
  page(id: string): ClosedPage | undefined {
    return this.byId.get(id);
  }

  /** Every member, in stream order. */
  get size(): number {
    return this.closed.length * this.pageSize + this.open.length;
  }

  /**
   * The root page: the stream's description (an ldes:EventStream whose view
   * is this page, with its timestamp and version paths), the newest members
   * and a relation to the newest closed page.
   */
  async root(labels: StreamLabels): Promise<Quad[]> {
    const stream = namedNode(this.iris.changeStream);
    const root = namedNode(this.iris.changes());
    const view = namedNode(`${this.iris.changes()}#view`);
    const text = (values: Readonly<Record<string, string>>) => Object.entries(values).map(([lang, value]) => literal(value, lang));
    return [
      quad(stream, RDF.type, LDES.EventStream),
      ...text(labels.title).map((title) => quad(stream, DCT.title, title)),
      ...text(labels.description).map((description) => quad(stream, DCT.description, description)),
      // The stream is made from the published states of the graph that VoID describes.
      quad(stream, PROV.wasDerivedFrom, namedNode(this.iris.voidDataset)),
      quad(stream, TREE.view, root),
      quad(root, TREE.viewDescription, view),
      quad(view, RDF.type, TREE.ViewDescription),
      ...this.nodeQuads(root, this.open, this.closed.at(-1)),
      ...(await this.memberQuads(this.open)),
    ];
  }

  /** A closed page: its members, its place in the stream and its relation to the page before it; undefined for an id that is none. */
  async closedPage(id: string): Promise<Quad[] | undefined> {
    const page = this.byId.get(id);
    if (!page) return undefined;
    const node = namedNode(this.iris.changes(page.id));
    return [quad(node, DCT.isPartOf, namedNode(this.iris.changeStream)), ...this.nodeQuads(node, page.members, page.older), ...(await this.memberQuads(page.members))];
  }

  /** A page as a tree:Node: the stream's paths (so a client may start anywhere), its members, and its relation to the page before it. */
  private nodeQuads(node: ReturnType<typeof namedNode>, members: readonly ResourceChange[], older: ClosedPage | undefined): Quad[] {
    const stream = namedNode(this.iris.changeStream);
    const quads: Quad[] = [
      quad(stream, LDES.timestampPath, AS.published),
      quad(stream, LDES.versionOfPath, AS.object),
      quad(node, RDF.type, TREE.Node),
      ...members.map((member) => quad(stream, TREE.member, namedNode(this.iris.change(member.resource, member.release.id)))),
    ];
    if (older) {
      const relation = namedNode(`${node.value}#older`);
      quads.push(
        quad(node, TREE.relation, relation),
        quad(relation, RDF.type, TREE.LessThanOrEqualToRelation),
        quad(relation, TREE.node, namedNode(this.iris.changes(older.id))),
        quad(relation, TREE.path, AS.published),
        quad(relation, TREE.value, dateTime(older.members.at(-1)!)),
        quad(relation, TREE.remainingItems, literal(String(older.reachable), XSD.integer)),
      );
    }
    return quads;
  }

  /** Each member's activity, and for a creation or update the resource's description in the graph named by the activity. */
  private async memberQuads(members: readonly ResourceChange[]): Promise<Quad[]> {
    const quads: Quad[] = [];
    for (const member of members) {
      const activity = namedNode(this.iris.change(member.resource, member.release.id));
      const resource = namedNode(member.resource);
      quads.push(quad(activity, RDF.type, ACTIVITY_TYPES[member.kind]), quad(activity, AS.object, resource), quad(activity, AS.published, dateTime(member)));
      // The document as it was after the change, a memento of the resource (RFC 7089).
      if (member.kind !== 'removed') quads.push(quad(activity, AS.url, namedNode(this.iris.memento(member.release.id, member.resource))));
      for (const statement of await this.changes.description(member)) quads.push(quad(statement.subject, statement.predicate, statement.object, activity));
    }
    return quads;
  }
}

function dateTime(member: ResourceChange) {
  return literal(member.release.datetime.toISOString().replace('.000Z', 'Z'), XSD.dateTime);
}

/**
 * `{release of the first member}-{hash}`: the hash covers each member (its
 * activity, kind, time and description digest) and the page before it, so a
 * page's URL names one content only, whatever happens to the history later.
 */
function pageId(members: readonly ResourceChange[], older: ClosedPage | undefined, iris: IriScheme): string {
  const hash = createHash('sha256').update(`${older?.id ?? ''}\n`);
  for (const member of members) hash.update(`${iris.change(member.resource, member.release.id)} ${member.kind} ${member.release.datetime.toISOString()} ${member.digest ?? ''}\n`);
  return `${members[0]!.release.id}-${hash.digest('hex').slice(0, 16)}`;
}
