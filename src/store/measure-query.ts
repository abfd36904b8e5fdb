/** Where something is in a query text; both 1-based. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** The sizes of a query text that decide whether a parser or an engine can take it. */
export interface QueryMeasures {
  /** The deepest nesting of `{}`, `()` and `[]` together, and where it is first reached. */
  readonly depth: number;
  readonly depthAt: TextPosition;
  /** Every UNION keyword, in order: one more branch each. */
  readonly unions: readonly TextPosition[];
  /** The longest string literal's length in characters, quotes excluded, and where it starts. */
  readonly literalLength: number;
  readonly literalAt: TextPosition;
}

/**
 * Measures a query text in one linear pass, without recursion and without
 * parsing it. Hand-written on purpose: sparqljs (a recursive parser and tree
 * builder) and the engines are what these measures protect, so they cannot
 * take the measures. It knows just enough of SPARQL's lexing to skip what
 * cannot nest: the four kinds of string, IRIs `<…>`, comments `#…`, and names
 * (`?x`, `ex:a\(b`, `@en`) whose letters are not keywords.
 */
export function measureQuery(text: string): QueryMeasures {
  let depth = 0;
  let deepest = { depth: 0, at: { line: 1, column: 1 } };
  let longest = { length: 0, at: { line: 1, column: 1 } };
  const unions: TextPosition[] = [];
  let line = 1;
  let lineStart = 0;
  const at = (index: number): TextPosition => ({ line, column: index - lineStart + 1 });
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\n') {
      line += 1;
      lineStart = i + 1;
      i += 1;
    } else if (char === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (char === '"' || char === "'") {
      const start = at(i);
      const long = text.startsWith(char.repeat(3), i);
      const quote = long ? char.repeat(3) : char;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j) && (long || (text[j] !== '\n' && text[j] !== '\r'))) {
        if (text[j] === '\n') {
          line += 1;
          lineStart = j + 1;
        }
        j += text[j] === '\\' ? 2 : 1;
      }
      const length = j - i - quote.length;
      if (length > longest.length) longest = { length, at: start };
      i = Math.min(j + quote.length, text.length);
    } else if (char === '<' && matchesAt(IRI_REF, text, i)) {
      // The pattern stops at the next `<`, so trying it at every `<` stays linear.
      i = IRI_REF.lastIndex;
    } else if (OPENING.includes(char)) {
      depth += 1;
      if (depth > deepest.depth) deepest = { depth, at: at(i) };
      i += 1;
    } else if (CLOSING.includes(char)) {
      // An unbalanced closing bracket is the parser's to report.
      depth = Math.max(0, depth - 1);
      i += 1;
    } else if (NAME_CHAR.test(char) || char === '?' || char === '$' || char === '@' || char === '\\') {
      let j = char === '\\' ? i + 2 : i + 1;
      // A backslash escapes the next character of a local name (`ex:a\(b`): it neither nests nor starts a comment.
      while (j < text.length && (text[j] === '\\' || NAME_CHAR.test(text[j]!))) j += text[j] === '\\' ? 2 : 1;
      // `?union`, `@union`, `ex:union` and `_:union` are names, not keywords.
      const word = text.slice(i, j).toUpperCase();
      if (word === 'UNION') unions.push(at(i));
      i = j;
    } else {
      i += 1;
    }
  }
  return { depth: deepest.depth, depthAt: deepest.at, unions, literalLength: longest.length, literalAt: longest.at };
}

/**
 * The text as Oxigraph parses it: it decodes `\u` and `\U` escapes anywhere
 * before parsing, where sparqljs only decodes them in strings and IRIs, so an
 * escaped quote can turn a literal's content into query structure for it.
 */
export function decodeCodepointEscapes(text: string): string {
  return text.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})/g, (escape, short?: string, long?: string) => {
    const codepoint = parseInt(short ?? long!, 16);
    return codepoint <= 0x10ffff ? String.fromCodePoint(codepoint) : escape;
  });
}

const OPENING = '{([';
const CLOSING = '})]';
/** Letters, digits and the other characters of names, prefixed names and numbers. */
const NAME_CHAR = /[\p{L}\p{N}_:.%\-\u00B7\u0300-\u036F\u203F-\u2040]/u;
/** SPARQL's IRIREF: anything else starting with `<` is the less-than operator. */
const IRI_REF = /<[^<>"{}|^`\\\u0000-\u0020]*>/y;

function matchesAt(pattern: RegExp, text: string, index: number): boolean {
  pattern.lastIndex = index;
  return pattern.test(text);
}
