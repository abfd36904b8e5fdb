import type { FieldPath, SourceFile } from './load-source-files.js';
import type { SourceDataError } from './source-data-error.js';
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

/**
 * What the kinds read their items with: ids registered once per namespace,
 * references checked once every file has registered its ids, vocabulary keys
 * and language tags checked; every problem kept with its file, line and field.
 */
export class SourceReader {
  readonly errors: SourceDataError[] = [];
  private readonly ids = new Map<string, Map<string, Item<unknown>>>();
  private readonly languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  /** Reference checks, run once every file has registered its ids. */
  private readonly pending: Array<() => void> = [];

  constructor(
    private readonly files: readonly SourceFile[],
    private readonly vocabulary: VocabularyKeys,
  ) {}

  /** Runs the reference checks collected while reading. */
  checkReferences(): void {
    for (const check of this.pending.splice(0)) check();
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
      const where = `${earlier.file.displayPath}, line ${earlier.file.lineOf(earlier.path)}`;
      this.errors.push(item.file.error(`duplicate id "${slug}": already used at ${where}`, [...item.path, given === undefined ? from : 'id']));
    } else {
      taken.set(slug, item);
    }
    for (const other of alsoIn) this.namespace(other).set(slug, item);
    return slug;
  }

  /** Checks, once all ids are known, that `slug` is an id of one of `namespaces`; `what` names them for the message. */
  refer(namespaces: readonly string[], what: string, slug: string | undefined, item: Item<unknown>, path: FieldPath): string | undefined {
    if (slug === undefined) return undefined;
    this.pending.push(() => {
      if (!namespaces.some((namespace) => this.ids.get(namespace)?.has(slug))) {
        this.errors.push(item.file.error(`refers to ${what} "${slug}", which is not defined`, path));
      }
    });
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
    return this.ids.get(namespace)?.get(id)?.file.name;
  }

  /** When the lines of an item were last committed, if git knows. */
  lastCommitted(item: Item<unknown>): string | undefined {
    return item.file.lastCommitted(item.path);
  }

  /** When any data file was last committed, if git knows. */
  dataLastCommitted(): string | undefined {
    return latestDate(this.files.map((file) => file.lastCommitted()));
  }

  private namespace(name: string): Map<string, Item<unknown>> {
    const taken = this.ids.get(name) ?? new Map<string, Item<unknown>>();
    this.ids.set(name, taken);
    return taken;
  }

  private languageTag(tag: string, file: SourceFile, path: FieldPath): string | undefined {
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
    if (!canonical || !known) {
      this.errors.push(file.error(`unknown language tag "${tag}" (use a BCP 47 tag such as "en", "fr" or "fr-CA")`, path));
      return undefined;
    }
    return canonical;
  }
}

function isTextMap(value: unknown): value is { readonly [tag: string]: string } {
  return typeof value === 'object' && value !== null;
}
