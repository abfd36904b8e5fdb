import { writeDcElements } from './oai-dc.js';
import { METADATA_FORMATS, type MetadataFormat, type OaiItem, type OaiRepository } from './oai-repository.js';
import { decodeToken, encodeToken, fingerprintOf, type ListState, type ListVerb } from './resumption-token.js';
import { serializeXml, xmlDocument, XSI, type XmlNode } from './xml-document.js';

/** The OAI-PMH 2.0 namespace and the schema of its responses. */
export const OAI_PMH_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/';
export const OAI_PMH_SCHEMA = 'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd';
const OAI_IDENTIFIER_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/oai-identifier';
const OAI_IDENTIFIER_SCHEMA = 'http://www.openarchives.org/OAI/2.0/oai-identifier.xsd';

/** The six verbs. */
export const OAI_VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] as const;
export type OaiVerb = (typeof OAI_VERBS)[number];

/** The error codes of OAI-PMH 2.0, section 3.6. */
export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

/** One error of a response: its code and a message for the harvester's operator. */
export interface OaiError {
  readonly code: OaiErrorCode;
  readonly message: string;
}

/** The granularity of every datestamp: git commit times are to the second. */
export const GRANULARITY = 'YYYY-MM-DDThh:mm:ssZ';

/** Which arguments each verb takes (OAI-PMH 2.0, section 4): required, optional, and the one that excludes all others. */
const ARGUMENTS: Readonly<Record<OaiVerb, { required: readonly string[]; optional: readonly string[]; exclusive?: string }>> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
};

// The value syntaxes of OAI-PMH.xsd (metadataPrefixType, setSpecType): a value outside them is a bad argument.
const METADATA_PREFIX = /^[A-Za-z0-9\-_.!~*'()]+$/;
const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/;

/** A request's arguments as sent, in order, repeats kept (a repeated argument is an error). */
export type OaiArguments = readonly (readonly [name: string, value: string])[];

/** A checked request: the verb and its arguments, one value each. */
interface OaiRequest {
  readonly verb: OaiVerb;
  readonly args: Readonly<Record<string, string>>;
}

/**
 * The response to one OAI-PMH request, as the XML document the protocol
 * defines: errors included (they are answered with HTTP 200, in the response's
 * `error` elements). `now` is the responseDate.
 */
export function answerOaiRequest(repository: OaiRepository, args: OaiArguments, now: Date): string {
  const document = xmlDocument();
  const root = document
    .ele(OAI_PMH_NAMESPACE, 'OAI-PMH')
    .att(XSI, 'xsi:schemaLocation', `${OAI_PMH_NAMESPACE} ${OAI_PMH_SCHEMA}`);
  const element = (parent: XmlNode, name: string, text?: string) => {
    const child = parent.ele(OAI_PMH_NAMESPACE, name);
    return text === undefined ? child : child.txt(text);
  };
  element(root, 'responseDate', datestamp(now));
  const checked = checkArguments(args);
  const request = element(root, 'request', repository.baseUrl);
  // After badVerb or badArgument the request element carries only the base URL (section 3.2).
  if ('errors' in checked) {
    writeErrors(root, checked.errors);
    return serializeXml(document);
  }
  request.att('verb', checked.verb);
  for (const [name, value] of Object.entries(checked.args)) request.att(name, value);
  // Each verb writes its element only once it knows it has no error: an error response holds errors only.
  writeErrors(root, answer(repository, checked, root, element));
  return serializeXml(document);
}

type Element = (parent: XmlNode, name: string, text?: string) => XmlNode;

/** Checks the verb and its arguments: names, repeats, required ones, exclusivity and value syntax. */
function checkArguments(args: OaiArguments): OaiRequest | { errors: OaiError[] } {
  const verbs = args.filter(([name]) => name === 'verb').map(([, value]) => value);
  if (verbs.length === 0) return { errors: [{ code: 'badVerb', message: `The request has no verb; use one of ${OAI_VERBS.join(', ')}.` }] };
  if (verbs.length > 1) return { errors: [{ code: 'badVerb', message: 'The verb argument is repeated; send it once.' }] };
  const verb = verbs[0]!;
  if (!(OAI_VERBS as readonly string[]).includes(verb)) return { errors: [{ code: 'badVerb', message: `${JSON.stringify(verb)} is not an OAI-PMH verb; use one of ${OAI_VERBS.join(', ')}.` }] };
  const rules = ARGUMENTS[verb as OaiVerb];
  const allowed = [...rules.required, ...rules.optional, ...(rules.exclusive ? [rules.exclusive] : [])];
  const errors: OaiError[] = [];
  const values: Record<string, string> = {};
  for (const [name, value] of args) {
    if (name === 'verb') continue;
    if (!allowed.includes(name)) errors.push({ code: 'badArgument', message: `${verb} takes no argument ${JSON.stringify(name)}${allowed.length > 0 ? `; it takes ${allowed.join(', ')}` : ''}.` });
    else if (name in values) errors.push({ code: 'badArgument', message: `The argument ${name} is repeated; send it once.` });
    else values[name] = value;
  }
  if (rules.exclusive && values[rules.exclusive] !== undefined) {
    const others = Object.keys(values).filter((name) => name !== rules.exclusive);
    if (others.length > 0) errors.push({ code: 'badArgument', message: `resumptionToken is an exclusive argument: send it alone with the verb, without ${others.join(', ')}.` });
  } else {
    for (const name of rules.required) if (values[name] === undefined) errors.push({ code: 'badArgument', message: `${verb} needs the argument ${name}.` });
  }
  for (const [name, value] of Object.entries(values)) {
    if (value === '') errors.push({ code: 'badArgument', message: `The argument ${name} is empty.` });
  }
  if (values.metadataPrefix && !METADATA_PREFIX.test(values.metadataPrefix)) errors.push({ code: 'badArgument', message: `metadataPrefix ${JSON.stringify(values.metadataPrefix)} is not a metadata prefix (letters, digits and - _ . ! ~ * ' ( ) only).` });
  if (values.set && !SET_SPEC.test(values.set)) errors.push({ code: 'badArgument', message: `set ${JSON.stringify(values.set)} is not a setSpec (letters, digits and - _ . ! ~ * ' ( ), parts separated by colons).` });
  if (values.identifier && !isUri(values.identifier)) errors.push({ code: 'badArgument', message: `identifier ${JSON.stringify(values.identifier)} is not a URI; OAI identifiers here look like oai:example.org:output/slug.` });
  errors.push(...checkDates(values.from, values.until));
  return errors.length > 0 ? { errors } : { verb: verb as OaiVerb, args: values };
}

/** `from` and `until`: each a date or a date-time at the repository's granularity, the same granularity for both, from not after until. */
function checkDates(from: string | undefined, until: string | undefined): OaiError[] {
  const errors: OaiError[] = [];
  const parsed = { from: from ? parseDate(from, 'from') : undefined, until: until ? parseDate(until, 'until') : undefined };
  for (const [name, value] of [['from', from], ['until', until]] as const) {
    if (value && !parsed[name]) errors.push({ code: 'badArgument', message: `${name} ${JSON.stringify(value)} is not a UTC date (2024-01-31) or date-time to the second (${GRANULARITY}, e.g. 2024-01-31T12:00:00Z).` });
  }
  if (parsed.from && parsed.until) {
    if (parsed.from.granularity !== parsed.until.granularity) errors.push({ code: 'badArgument', message: 'from and until must have the same granularity: both dates or both date-times.' });
    else if (parsed.from.instant > parsed.until.instant) errors.push({ code: 'badArgument', message: `from (${from}) is later than until (${until}).` });
  }
  return errors;
}

/** A date or date-time argument as an instant: a day starts at its first second for `from` and ends at its last for `until`. */
function parseDate(value: string, bound: 'from' | 'until'): { instant: number; granularity: 'day' | 'second' } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const time = hour === undefined ? (bound === 'from' ? [0, 0, 0] : [23, 59, 59]) : [hour, minute!, second!];
  const instant = Date.UTC(year!, month! - 1, day!, time[0]!, time[1]!, time[2]!);
  // Date.UTC rolls 2024-02-30 over into March: a date that does not come back the same does not exist.
  const check = new Date(instant);
  if (year! < 1 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day || check.getUTCHours() !== time[0] || check.getUTCMinutes() !== time[1] || check.getUTCSeconds() !== time[2]) return undefined;
  return { instant, granularity: hour === undefined ? 'day' : 'second' };
}

/** A string xs:anyURI takes: a scheme, then no spaces or characters URIs never hold. */
function isUri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(value);
}

function answer(repository: OaiRepository, request: OaiRequest, root: XmlNode, element: Element): OaiError[] {
  switch (request.verb) {
    case 'Identify':
      identify(repository, element(root, 'Identify'), element);
      return [];
    case 'ListMetadataFormats':
      return listMetadataFormats(repository, request.args.identifier, root, element);
    case 'GetRecord':
      return getRecord(repository, request.args.identifier!, request.args.metadataPrefix!, root, element);
    default:
      return list(repository, request.verb, request.args, root, element);
  }
}

function identify(repository: OaiRepository, identify: XmlNode, element: Element): void {
  element(identify, 'repositoryName', repository.repositoryName);
  element(identify, 'baseURL', repository.baseUrl);
  element(identify, 'protocolVersion', '2.0');
  for (const email of repository.settings.adminEmails) element(identify, 'adminEmail', email);
  element(identify, 'earliestDatestamp', datestamp(repository.earliestDatestamp));
  // Removed outputs leave no trace in the data: the repository keeps no deletions (README, "Harvesting").
  element(identify, 'deletedRecord', 'no');
  element(identify, 'granularity', GRANULARITY);
  // What the server's compression (Content-Encoding) offers besides identity.
  element(identify, 'compression', 'gzip');
  element(identify, 'compression', 'deflate');
  if (repository.iris.hasOaiIdentifierScheme) {
    const description = element(identify, 'description')
      .ele(OAI_IDENTIFIER_NAMESPACE, 'oai-identifier')
      .att(XSI, 'xsi:schemaLocation', `${OAI_IDENTIFIER_NAMESPACE} ${OAI_IDENTIFIER_SCHEMA}`);
    description.ele(OAI_IDENTIFIER_NAMESPACE, 'scheme').txt('oai');
    description.ele(OAI_IDENTIFIER_NAMESPACE, 'repositoryIdentifier').txt(repository.iris.oaiRepositoryIdentifier);
    description.ele(OAI_IDENTIFIER_NAMESPACE, 'delimiter').txt(':');
    description.ele(OAI_IDENTIFIER_NAMESPACE, 'sampleIdentifier').txt(repository.sampleIdentifier);
  }
}

function listMetadataFormats(repository: OaiRepository, identifier: string | undefined, root: XmlNode, element: Element): OaiError[] {
  let formats = METADATA_FORMATS;
  if (identifier !== undefined) {
    const item = repository.item(identifier);
    if (!item) return [idDoesNotExist(identifier)];
    const record = repository.record(item);
    formats = formats.filter((format) => format.refusal(record) === undefined);
    // Unreachable while oai_dc serves every item, but it is the protocol's answer for an item with no format.
    if (formats.length === 0) return [{ code: 'noMetadataFormats', message: `No metadata format is available for ${identifier}.` }];
  }
  const list = element(root, 'ListMetadataFormats');
  for (const format of formats) {
    const entry = element(list, 'metadataFormat');
    element(entry, 'metadataPrefix', format.prefix);
    element(entry, 'schema', format.schema);
    element(entry, 'metadataNamespace', format.namespace);
  }
  return [];
}

function getRecord(repository: OaiRepository, identifier: string, prefix: string, root: XmlNode, element: Element): OaiError[] {
  const format = METADATA_FORMATS.find((candidate) => candidate.prefix === prefix);
  const item = repository.item(identifier);
  const errors: OaiError[] = [];
  if (!item) errors.push(idDoesNotExist(identifier));
  if (!format) errors.push(unknownFormat(prefix));
  if (!item || !format) return errors;
  const record = repository.record(item);
  const refusal = format.refusal(record);
  if (refusal) return [{ code: 'cannotDisseminateFormat', message: `${identifier} is not available as ${prefix}: ${refusal}` }];
  writeRecord(repository, element(root, 'GetRecord'), item, format, element);
  return [];
}

/** ListSets, ListIdentifiers and ListRecords: the complete list for the request, one page of it, and a token for the rest. */
function list(repository: OaiRepository, verb: ListVerb, args: Readonly<Record<string, string>>, root: XmlNode, element: Element): OaiError[] {
  let state: Omit<ListState, 'cursor' | 'fingerprint'> = { verb, metadataPrefix: args.metadataPrefix, from: args.from, until: args.until, set: args.set };
  let cursor = 0;
  let expected: string | undefined;
  if (args.resumptionToken !== undefined) {
    const decoded = decodeToken(args.resumptionToken);
    if (!decoded || decoded.verb !== verb) return [{ code: 'badResumptionToken', message: `This resumptionToken was not issued by this repository for ${verb}; start the list again without one.` }];
    state = decoded;
    cursor = decoded.cursor;
    expected = decoded.fingerprint;
  }
  const format = state.metadataPrefix === undefined ? undefined : METADATA_FORMATS.find((candidate) => candidate.prefix === state.metadataPrefix);
  if (verb !== 'ListSets' && !format) return [unknownFormat(state.metadataPrefix ?? '')];

  const items = verb === 'ListSets' ? [] : matchingItems(repository, state, format!);
  const entries = verb === 'ListSets' ? repository.sets.map((set) => set.key) : items.map((item) => `${item.identifier} ${datestamp(item.datestamp)}`);
  const fingerprint = fingerprintOf(entries);
  if (expected !== undefined && (expected !== fingerprint || cursor >= entries.length)) {
    return [{ code: 'badResumptionToken', message: 'The list this resumptionToken continues has changed since it was issued (the repository was rebuilt with other records or datestamps); start the list again without a token.' }];
  }
  if (entries.length === 0) {
    // ListSets is never empty here: every kind of output is a set, so noSetHierarchy does not arise either.
    return [{ code: 'noRecordsMatch', message: `No record matches ${describeFilter(state)}.` }];
  }
  const pageSize = repository.settings.pageSize;
  const container = element(root, verb);
  if (verb === 'ListSets') {
    for (const set of repository.sets.slice(cursor, cursor + pageSize)) {
      const entry = element(container, 'set');
      element(entry, 'setSpec', set.key);
      element(entry, 'setName', set.labels[0]?.value ?? set.key);
      if (set.definitions.length > 0) writeDcElements(element(entry, 'setDescription'), set.definitions.map((definition) => ['description', definition] as const));
    }
  } else {
    for (const item of items.slice(cursor, cursor + pageSize)) {
      if (verb === 'ListRecords') writeRecord(repository, container, item, format!, element);
      else writeHeader(container, item, element);
    }
  }
  if (cursor > 0 || entries.length > pageSize) {
    const next = cursor + pageSize;
    const token = element(container, 'resumptionToken', next < entries.length ? encodeToken({ ...state, cursor: next, fingerprint }) : undefined);
    token.att('completeListSize', String(entries.length)).att('cursor', String(cursor));
  }
  return [];
}

/** The items a list request selects, in identifier order: in the set, within from and until, and available in the format. */
function matchingItems(repository: OaiRepository, state: Omit<ListState, 'cursor' | 'fingerprint'>, format: MetadataFormat): OaiItem[] {
  const from = state.from ? parseDate(state.from, 'from')!.instant : -Infinity;
  const until = state.until ? parseDate(state.until, 'until')!.instant : Infinity;
  return repository.items.filter(
    (item) =>
      item.datestamp.getTime() >= from &&
      item.datestamp.getTime() <= until &&
      (state.set === undefined || item.set === state.set || item.set?.startsWith(`${state.set}:`) === true) &&
      format.refusal(repository.record(item)) === undefined,
  );
}

function writeRecord(repository: OaiRepository, parent: XmlNode, item: OaiItem, format: MetadataFormat, element: Element): void {
  const record = element(parent, 'record');
  writeHeader(record, item, element);
  format.write(element(record, 'metadata'), repository.record(item));
}

function writeHeader(parent: XmlNode, item: OaiItem, element: Element): void {
  const header = element(parent, 'header');
  element(header, 'identifier', item.identifier);
  element(header, 'datestamp', datestamp(item.datestamp));
  if (item.set) element(header, 'setSpec', item.set);
}

function writeErrors(root: XmlNode, errors: readonly OaiError[]): void {
  for (const error of errors) root.ele(OAI_PMH_NAMESPACE, 'error').att('code', error.code).txt(error.message);
}

function idDoesNotExist(identifier: string): OaiError {
  return { code: 'idDoesNotExist', message: `This repository has no item ${identifier}; ListIdentifiers gives the identifiers it has.` };
}

function unknownFormat(prefix: string): OaiError {
  return { code: 'cannotDisseminateFormat', message: `The metadata format ${JSON.stringify(prefix)} is not one this repository offers; use ${METADATA_FORMATS.map((format) => format.prefix).join(' or ')}.` };
}

function describeFilter(state: Omit<ListState, 'cursor' | 'fingerprint'>): string {
  const parts = [
    state.metadataPrefix ? `metadataPrefix ${state.metadataPrefix}` : undefined,
    state.set ? `set ${state.set}` : undefined,
    state.from ? `from ${state.from}` : undefined,
    state.until ? `until ${state.until}` : undefined,
  ].filter((part) => part !== undefined);
  return parts.join(', ');
}

/** A datestamp at the repository's granularity: UTC, to the second. */
export function datestamp(instant: Date): string {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
