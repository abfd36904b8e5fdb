import { DataFactory } from 'n3';
import type { Literal, NamedNode, Quad, Term } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { DCT, RDF, RDFS, SCHEMA } from '../graph/namespaces.js';
import { LABEL_PREDICATES } from '../store/describe-resource.js';
import { membersInOrder } from '../store/record-facts.js';
import { html, rawHtml, renderHtmlPage, siteLink, type AlternateLink, type SafeHtml } from './html-page.js';
import { firstInReaderLanguage, inReaderLanguage } from './reader-language.js';
import type { UiText } from './ui-text.js';

/** How a page names and links terms; shared by the resource pages and the home page. */
export interface TermContext {
  /** The reader's languages, best first. */
  readonly languages: readonly string[];
  readonly prefixes: Readonly<Record<string, string>>;
  /** The labels the graph gives a node. */
  labels(node: Term): Literal[];
  /** With `chosenLang`, links to IRIs under this base carry `?lang=` so the reader's pick sticks. */
  readonly baseUrl?: string;
  /** The language the reader picked with `?lang=`, if any. */
  readonly chosenLang?: string;
}

/** Everything a resource's HTML page shows. */
export interface ResourcePage extends TermContext {
  readonly iri: string;
  /** The description's own triples (the resource and its hash parts). */
  readonly own: readonly Quad[];
  readonly referencedBy: readonly NamedNode[];
  readonly lang: string;
  readonly text: UiText;
  readonly baseUrl: string;
  /** The site's URLs, for the layout's links. */
  readonly site: IriScheme;
  /** The document's other representations, with their labels. */
  readonly alternates: readonly AlternateLink[];
  /** Those of them that are RDF data, for a record page's "Get the data"; all alternates when absent. */
  readonly dataFormats?: readonly AlternateLink[];
  readonly jsonLd?: unknown;
  /** The document's own address (without extension), for the language switch. */
  readonly pageUrl?: string;
  /** The page of the resource's changes, when the site keeps a history. */
  readonly history?: string;
}

/** Predicates shown first, in this order, because they say what the thing is. */
const LEADING_PREDICATES: readonly string[] = [...LABEL_PREDICATES, DCT.description, SCHEMA.description, RDFS.comment].map((term) => term.value);

/** The HTML page of a resource: its label as title, its properties grouped by predicate, its parts, its links. */
export function renderResourcePage(input: ResourcePage): string {
  const page: ResourcePage = { ...input, labels: (node) => labelsOrPartName(node, input) };
  const title = nameOf(page.iri, page);
  const body = html`<h1>${nameHtml(title, page.lang)}</h1>
<p>${page.text.identifier}: <a class="iri" href="${siteLink(page.iri, page.baseUrl, page.chosenLang)}">${page.iri}</a></p>
${statementsHtml(input, 2)}
${page.referencedBy.length > 0 ? html`<section>
<h2>${page.text.referencedBy}</h2>
<ul>
${page.referencedBy.map((node) => html`<li>${termLink(node, page)}</li>
`)}</ul>
</section>` : ''}
<section>
<h2>${page.text.otherFormats}</h2>
<p>${page.text.otherFormatsIntro}</p>
<ul>
${page.alternates.map((link) => html`<li><a href="${link.href}" type="${link.type}">${link.title}</a> <span class="curie">${link.type}</span></li>
`)}</ul>
</section>`;
  return renderHtmlPage({
    lang: page.lang,
    text: page.text,
    title: title.text,
    site: page.site,
    body,
    alternates: page.alternates,
    jsonLd: page.jsonLd,
    pageUrl: page.pageUrl,
    chosenLang: page.chosenLang,
    history: page.history,
  });
}

/**
 * Every statement of the description: the resource's properties, one row per
 * predicate, then each of its hash parts (distributions, attributions) under a
 * heading of `level`, its parts' own headings one level below.
 */
export function statementsHtml(input: ResourcePage, level: 2 | 3): SafeHtml {
  const page: ResourcePage = { ...input, labels: (node) => labelsOrPartName(node, input) };
  const parts = [...new Set(page.own.filter((quad) => quad.subject.termType === 'NamedNode').map((quad) => quad.subject.value))]
    .filter((subject) => subject.startsWith(`${page.iri}#`))
    .sort((a, b) => a.localeCompare(b, 'en'));
  const heading = (rank: number, content: SafeHtml) => rawHtml(`<h${rank}>${content.markup}</h${rank}>`);
  return html`${subjectDetails(page.iri, page)}
${parts.length > 0 ? html`<section>
${heading(level, html`${page.text.parts}`)}
${parts.map((part) => html`<section id="${fragmentOf(part)}">
${heading(level + 1, nameHtml(nameOf(part, page), page.lang))}
<p class="iri">${part}</p>
${subjectDetails(part, page)}
</section>
`)}</section>` : ''}`;
}

/**
 * A part without a label (an attribution, say) is named after what it links
 * to ("Carly Livingstone · Graduate research assistant") rather than by its IRI.
 */
function labelsOrPartName(node: Term, page: ResourcePage): Literal[] {
  const labels = page.labels(node);
  if (labels.length > 0 || !node.value.startsWith(`${page.iri}#`)) return labels;
  const names = page.own
    .filter((quad) => quad.subject.value === node.value && !quad.predicate.equals(RDF.type) && quad.object.termType === 'NamedNode')
    .sort((a, b) => readableName(a.predicate.value).localeCompare(readableName(b.predicate.value), 'en') || a.object.value.localeCompare(b.object.value))
    .map((quad) => firstInReaderLanguage(page.labels(quad.object), page.languages))
    .filter((label): label is Literal => label !== undefined);
  if (names.length === 0) return [];
  return [DataFactory.literal(names.map((name) => name.value).join(' · '), names.find((name) => name.language)?.language)];
}

/** A name to show, with its language when it has one. */
export interface DisplayName {
  readonly text: string;
  readonly lang?: string;
}

/** The best name of a term for the reader: its label in their language, else a prefixed name, else the IRI. */
export function nameOf(iri: string, context: TermContext): DisplayName {
  const label = firstInReaderLanguage(context.labels(DataFactory.namedNode(iri)), context.languages);
  if (label) return label.language ? { text: label.value, lang: label.language } : { text: label.value };
  return { text: prefixedName(iri, context.prefixes) ?? iri };
}

/** A name as markup, marked with its language when it differs from the page's. */
export function nameHtml(name: DisplayName, pageLang: string): SafeHtml {
  return name.lang && name.lang.toLowerCase() !== pageLang ? html`<span lang="${name.lang}">${name.text}</span>` : html`${name.text}`;
}

/** A link to a term, named for the reader; only http(s) IRIs become links, so data cannot inject `javascript:` URLs. */
export function termLink(node: Term, context: TermContext & { readonly lang: string }, current?: string): SafeHtml {
  if (node.termType !== 'NamedNode') return html`${node.value}`;
  const name = nameHtml(nameOf(node.value, context), context.lang);
  if (current && node.value.startsWith(`${current}#`)) return html`<a href="#${fragmentOf(node.value)}">${name}</a>`;
  if (!isWebIri(node.value)) return name;
  return html`<a href="${context.baseUrl ? siteLink(node.value, context.baseUrl, context.chosenLang) : node.value}">${name}</a>`;
}

/**
 * A subject's properties as a definition list. Predicates with the same values
 * (dct:title and schema:name, say) share one row, named after the first, so
 * the page reads as a description rather than as a list of vocabularies.
 */
function subjectDetails(subject: string, page: ResourcePage): SafeHtml {
  const quads = page.own.filter((quad) => quad.subject.value === subject);
  const types = quads.filter((quad) => quad.predicate.equals(RDF.type)).map((quad) => quad.object);
  const byPredicate = new Map<string, Term[]>();
  for (const quad of quads) {
    if (quad.predicate.equals(RDF.type)) continue;
    byPredicate.set(quad.predicate.value, [...(byPredicate.get(quad.predicate.value) ?? []), quad.object]);
  }
  const predicates = [...byPredicate.keys()].sort((a, b) => predicateRank(a) - predicateRank(b) || readableName(a).localeCompare(readableName(b), 'en') || a.localeCompare(b));
  const rows = new Map<string, { predicates: string[]; values: Term[] }>();
  for (const predicate of predicates) {
    const values = shownValues(byPredicate.get(predicate)!, page.languages).sort(compareTerms);
    const key = values.map(termKey).join('\n');
    const row = rows.get(key);
    if (row) row.predicates.push(predicate);
    else rows.set(key, { predicates: [predicate], values });
  }
  return html`<dl>
${types.length > 0 ? html`<dt>${page.text.types}</dt>
<dd>${valueList(types, page, page.iri)}</dd>
` : ''}${[...rows.values()].map((row) => html`<dt>${readableName(row.predicates[0]!)} ${row.predicates.map((predicate, index) => html`${index > 0 ? ', ' : ''}${curieLink(predicate, page.prefixes)}`)}</dt>
<dd>${valueList(row.values, page, page.iri)}</dd>
`)}</dl>`;
}

function termKey(term: Term): string {
  return term.termType === 'Literal' ? `L\u0000${term.value}\u0000${term.language}\u0000${term.datatype.value}` : `${term.termType}\u0000${term.value}`;
}

function compareTerms(a: Term, b: Term): number {
  return a.value.localeCompare(b.value, 'en') || termKey(a).localeCompare(termKey(b));
}

/** Literals in the reader's language only (others exist in the RDF); IRIs all. */
function shownValues(values: readonly Term[], languages: readonly string[]): Term[] {
  const literals = values.filter((value): value is Literal => value.termType === 'Literal');
  const others = values.filter((value) => value.termType !== 'Literal');
  return [...inReaderLanguage(literals, languages), ...others];
}

function valueList(values: readonly Term[], page: ResourcePage, current: string): SafeHtml {
  const sorted = [...values].sort(compareTerms);
  if (sorted.length === 1) return valueHtml(sorted[0]!, page, current);
  return html`<ul>${sorted.map((value) => html`<li>${valueHtml(value, page, current)}</li>`)}</ul>`;
}

function valueHtml(value: Term, page: ResourcePage, current: string, depth = 0): SafeHtml {
  if (value.termType === 'Literal') return nameHtml(value.language ? { text: value.value, lang: value.language } : { text: value.value }, page.lang);
  if (depth < MAX_NESTING) {
    const members = sequenceIn(page.own, value);
    if (members) return html`<ol>${members.map((member) => html`<li>${valueHtml(member, page, current, depth + 1)}</li>`)}</ol>`;
    if (value.termType === 'BlankNode') return blankNodeHtml(value, page, current, depth + 1);
  }
  return termLink(value, page, current);
}

/** How deep containers and blank nodes are shown inside each other. */
const MAX_NESTING = 8;

/** A blank node has no name to link to, so it is shown where it is used, as its own properties. */
function blankNodeHtml(node: Term, page: ResourcePage, current: string, depth: number): SafeHtml {
  const quads = page.own.filter((quad) => quad.subject.equals(node));
  return html`<ul>${quads.map((quad) => html`<li>${curieLink(quad.predicate.value, page.prefixes)} ${valueHtml(quad.object, page, current, depth)}</li>`)}</ul>`;
}

/**
 * The members of `node` when the description makes it an `rdf:Seq` (the
 * authors' order), in order, so the order shows where the sequence is used; its
 * own statements are listed with the other parts.
 */
function sequenceIn(quads: readonly Quad[], node: Term): Term[] | undefined {
  if (!quads.some((quad) => quad.subject.equals(node) && quad.predicate.equals(RDF.type) && quad.object.equals(RDF.Seq))) return undefined;
  return membersInOrder(quads.filter((quad) => quad.subject.equals(node)));
}

/** A predicate's prefixed name, linked to its definition. */
function curieLink(predicate: string, prefixes: Readonly<Record<string, string>>): SafeHtml {
  const name = prefixedName(predicate, prefixes) ?? predicate;
  return isWebIri(predicate) ? html`<a class="curie" href="${predicate}">${name}</a>` : html`<span class="curie">${name}</span>`;
}

function predicateRank(predicate: string): number {
  const index = LEADING_PREDICATES.indexOf(predicate);
  return index === -1 ? LEADING_PREDICATES.length : index;
}

/** A predicate's local name as words: `downloadURL` → "download URL", `isPartOf` → "is part of". */
export function readableName(iri: string): string {
  const local = iri.split(/[#/]/).pop() || iri;
  return local
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .map((word) => (/^[A-Z][a-z]/.test(word) ? word.toLowerCase() : word))
    .join(' ');
}

/** `dct:title` for an IRI in a known namespace (the longest matching one). */
export function prefixedName(iri: string, prefixes: Readonly<Record<string, string>>): string | undefined {
  let best: [string, string] | undefined;
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    if (iri.startsWith(namespace) && iri.length > namespace.length && (!best || namespace.length > best[1].length)) best = [prefix, namespace];
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : undefined;
}

function fragmentOf(iri: string): string {
  return iri.slice(iri.indexOf('#') + 1);
}

function isWebIri(iri: string): boolean {
  return /^https?:\/\//i.test(iri);
}
