import type { FieldPath, SourceFile } from './load-source-files.js';
import { SourceDataError } from './source-data-error.js';
import { latestDate } from './source-history.js';
import { DEFAULT_LANGUAGE, type Text, type VocabularyField, type VocabularyKeys } from './source-model.js';
import { slugify } from './slugify.js';

/** A value of a data file whose shape passed its schema, with where it is. */
export interface Item<Value> {
  readonly value: Value;
  readonly file: SourceFile;
  readonly path: FieldPath;
}

/** A text field as written: a string in the default language, or a map of language tags. */
export type TextValue = string | { readonly [tag: string]: string };

/** Where an id was registered: by which kind (its file's name), and where, for a duplicate's message. */
interface IdEntry {
  readonly kind: string;
  /** The item, until its file is let go (see `release`); then `where` says where it was. */
  item?: Item<unknown>;
  /** "file, line N". */
  where?: string;
}

/**
 * What the kinds read their items with: ids registered once per namespace,
 * references checked once every file has registered its ids, vocabulary keys
 * and language tags checked; every problem kept with its file, line and field.
 * Files can be read one after the other and let go (`release`): the reader
 * then keeps only ids, kinds and the locations of unresolved references, so a
 * build holds one parsed file at a time.
 */
export class SourceReader {
  readonly errors: SourceDataError[] = [];
  private readonly ids = new Map<string, Map<string, IdEntry>>();
  private readonly languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  /** Canonical form of each language tag met (undefined: unknown), since the same few tags recur in every record. */
  private readonly languageTags = new Map<string, string | undefined>();
  /** References to ids not registered when they were read, checked once every file has registered its ids. */
  private readonly pending: Array<{ readonly namespaces: readonly string[]; readonly what: string; readonly slug: string; readonly error: SourceDataError }> = [];
  /** Ids registered by the file being read, located once it is let go. */
  private readonly unreleased: IdEntry[] = [];
  private latestCommit: string | undefined;

  constructor(
    files: readonly SourceFile[],
    private readonly vocabulary: VocabularyKeys,
  ) {
    for (const file of files) this.noteFile(file);
  }

  /** Counts a file's history in `dataLastCommitted`: called for each file read. */
  noteFile(file: SourceFile): void {
    this.latestCommit = latestDate([this.latestCommit, file.lastCommitted()]);
  }

  /** Lets go of the files read so far: the locations of their ids are kept as text. */
  release(): void {
    for (const entry of this.unreleased.splice(0)) {
      entry.where = whereIs(entry.item!);
      entry.item = undefined;
    }
  }

  /** Runs the reference checks collected while reading. */
  checkReferences(): void {
    for (const { namespaces, what, slug, error } of this.pending.splice(0)) {
      if (!namespaces.some((namespace) => this.ids.get(namespace)?.has(slug))) this.errors.push(new SourceDataError(`refers to ${what} "${slug}", which is not defined`, error));
    }
  }

  /** A part of an item (a link of an output, a contribution of a project) as an item of its own. */
  part<Value>(item: Item<unknown>, field: string, index: number, value: Value): Item<Value> {
    return { value, file: item.file, path: [...item.path, field, index] };
  }

  /**
   * The item's `id`, or one derived from the text of `from` when it has none,
   * registered in `namespace` (which must not hold it yet) and in `alsoIn`.
   * People and organisations share the namespace `agent`, since roles may name either.
   */
  id<Value extends { readonly id?: string }>(item: Item<Value>, namespace: string, from: keyof Value & string, alsoIn: readonly string[] = []): string {
    const given = item.value.id;
    let slug = given ?? '';
    if (given === undefined) {
      const source: unknown = item.value[from];
      const base = typeof source === 'string' ? source : Object.values(this.textValue(isTextMap(source) ? source : undefined, item.file, [...item.path, from]) ?? {})[0] ?? '';
      slug = slugify(base);
      if (slug === '') this.errors.push(item.file.error(`cannot derive an id from ${JSON.stringify(base)}; add an "id"`, [...item.path, from]));
    }
    const taken = this.namespace(namespace);
    const earlier = taken.get(slug);
    if (earlier) {
      const where = earlier.where ?? whereIs(earlier.item!);
      this.errors.push(item.file.error(`duplicate id "${slug}": already used at ${where}`, [...item.path, given === undefined ? from : 'id']));
    } else {
      const entry: IdEntry = { kind: item.file.name, item };
      this.unreleased.push(entry);
      taken.set(slug, entry);
      for (const other of alsoIn) this.namespace(other).set(slug, entry);
    }
    return slug;
  }

  /** Checks, once all ids are known, that `slug` is an id of one of `namespaces`; `what` names them for the message. */
  refer(namespaces: readonly string[], what: string, slug: string | undefined, item: Item<unknown>, path: FieldPath): string | undefined {
    if (slug === undefined) return undefined;
    // Most references are to ids read before; only the others wait, located now, while their file is at hand.
    if (!namespaces.some((namespace) => this.ids.get(namespace)?.has(slug))) {
      this.pending.push({ namespaces, what, slug, error: item.file.error('', path) });
    }
    return slug;
  }

  /** Each id of the list `field` checked as `refer` does. */
  referAll<Value extends { readonly [F in Field]?: readonly string[] }, Field extends string>(namespaces: readonly string[], what: string, item: Item<Value>, field: Field): string[] {
    const slugs = item.value[field] ?? [];
    slugs.forEach((slug, index) => this.refer(namespaces, what, slug, item, [...item.path, field, index]));
    return [...slugs];
  }

  /** Each key of the list `field` checked against the vocabulary serving `vocabularyField`. */
  keys<Value extends { readonly [F in Field]?: readonly string[] }, Field extends string>(vocabularyField: VocabularyField, item: Item<Value>, field: Field): string[] {
    const keys = item.value[field] ?? [];
    keys.forEach((key, index) => this.key(vocabularyField, key, item, [...item.path, field, index]));
    return [...keys];
  }

  /** A key checked against the vocabulary serving `vocabularyField`. */
  key(vocabularyField: VocabularyField, key: string, item: Item<unknown>, path: FieldPath): string {
    if (!this.vocabulary.has(vocabularyField, key)) {
      this.errors.push(item.file.error(`unknown ${vocabularyField.replace('-', ' ')} "${key}" (not defined in vocab/)`, path));
    }
    return key;
  }

  /** The text field `field` as a language map (plain strings are in DEFAULT_LANGUAGE); undefined only when the field is absent. */
  text<Value extends { readonly [F in Field]?: TextValue }, Field extends string>(item: Item<Value>, field: Field): Text | Extract<Value[Field], undefined> {
    const value: TextValue | undefined = item.value[field];
    const text = this.textValue(value, item.file, [...item.path, field]);
    // A text is undefined exactly when the field is, which the return type says of required fields.
    return text as Text | Extract<Value[Field], undefined>;
  }

  /** A text value (a keyword, say) at `path` as a language map. */
  textValue(value: TextValue | undefined, file: SourceFile, path: FieldPath): Text | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string') return { [DEFAULT_LANGUAGE]: value.trim() };
    const text: Record<string, string> = {};
    for (const [tag, string] of Object.entries(value)) {
      const canonical = this.languageTag(tag, file, [...path, tag]);
      if (canonical) text[canonical] = string.trim();
    }
    return text;
  }

  /** The name of the kind (its file) whose item registered `id` in `namespace`. */
  kindOf(namespace: string, id: string): string | undefined {
    return this.ids.get(namespace)?.get(id)?.kind;
  }

  /** When the lines of an item were last committed, if git knows. */
  lastCommitted(item: Item<unknown>): string | undefined {
    return item.file.lastCommitted(item.path);
  }

  /** When any data file was last committed, if git knows. */
  dataLastCommitted(): string | undefined {
    return this.latestCommit;
  }

  private namespace(name: string): Map<string, IdEntry> {
    const taken = this.ids.get(name) ?? new Map<string, IdEntry>();
    this.ids.set(name, taken);
    return taken;
  }

  private languageTag(tag: string, file: SourceFile, path: FieldPath): string | undefined {
    if (!this.languageTags.has(tag)) this.languageTags.set(tag, this.canonicalLanguageTag(tag));
    const canonical = this.languageTags.get(tag);
    if (!canonical) this.errors.push(file.error(`unknown language tag "${tag}" (use a BCP 47 tag such as "en", "fr" or "fr-CA")`, path));
    return canonical;
  }

  /** The canonical form of a BCP 47 tag of a known language, or undefined. */
  private canonicalLanguageTag(tag: string): string | undefined {
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(tag)[0];
    } catch {
      canonical = undefined;
    }
    const language = canonical ? new Intl.Locale(canonical).language : undefined;
    let known = false;
    try {
      known = language !== undefined && this.languageNames.of(language) !== undefined;
    } catch {
      known = false;
    }
    return canonical && known ? canonical : undefined;
  }
}

/** "file, line N" of an item. */
function whereIs(item: Item<unknown>): string {
  return `${item.file.displayPath}, line ${item.file.lineOf(item.path)}`;
}

function isTextMap(value: unknown): value is { readonly [tag: string]: string } {
  return typeof value === 'object' && value !== null;
}
