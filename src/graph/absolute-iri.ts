/** An absolute IRI (a scheme, then no character that an IRIREF in Turtle or SPARQL cannot hold). */
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/;

/** Whether `text` can be written as an absolute `<IRI>` in Turtle, N-Triples or SPARQL. */
export function isAbsoluteIri(text: string): boolean {
  return ABSOLUTE_IRI.test(text);
}
