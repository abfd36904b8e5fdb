import { create } from 'xmlbuilder2';
import type { Literal } from '@rdfjs/types';

/** An element (or the document) being written with xmlbuilder2. */
export type XmlNode = ReturnType<typeof create>;

/** The XML Schema instance namespace, for `xsi:schemaLocation`. */
export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** The namespace of `xml:lang`. */
export const XML = 'http://www.w3.org/XML/1998/namespace';

/**
 * A new UTF-8 document. Text from data/ could hold characters XML 1.0 cannot
 * carry (a YAML "\x01" escape); they become U+FFFD rather than a document no
 * parser accepts.
 */
export function xmlDocument(): XmlNode {
  return create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
}

/** Adds `xml:lang` when the literal has a language tag, so each language of a title is its own element. */
export function languageOf(element: XmlNode, literal: Literal): XmlNode {
  return literal.language ? element.att(XML, 'xml:lang', literal.language) : element;
}

/** The document as text, with its XML declaration; indented so a person can read a harvested response. */
export function serializeXml(document: XmlNode): string {
  return `${document.end({ prettyPrint: true, wellFormed: true })}\n`;
}
