// The SPARQL query mix of the benchmark, shared by the HTTP runs and the
// in-process Oxigraph peer. `{base}` is replaced by the catalogue's base IRI and
// each query varies with n, the number of the run.

/** The mix: name to query text for run n. */
export const QUERY_MIX: Readonly<Record<string, (n: number) => string>> = {
  'describe one dataset': (n) => `DESCRIBE <{base}id/output/dataset-${n}>`,
  'sorted page of titles + publisher': (n) => `PREFIX dct: <http://purl.org/dc/terms/> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
    SELECT ?d ?title ?name WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; dct:title ?title ; dct:publisher/foaf:name ?name FILTER(LANG(?title) = "${n % 2 ? 'en' : 'fr'}") } ORDER BY ?title LIMIT 100`,
  'count per publisher': () => `PREFIX dct: <http://purl.org/dc/terms/> SELECT ?p (COUNT(?d) AS ?n) WHERE { ?d dct:publisher ?p } GROUP BY ?p`,
  'text filter on titles': (n) => `PREFIX dct: <http://purl.org/dc/terms/> SELECT ?d WHERE { ?d dct:title ?t FILTER(CONTAINS(LCASE(?t), "${['water', 'road', 'budget', 'parks'][n % 4]}")) } LIMIT 100`,
  'join over CSV distributions': (n) => `PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/>
    SELECT ?d ?url WHERE { ?d dcat:distribution ?x . ?x dct:format <http://publications.europa.eu/resource/authority/file-type/${['CSV', 'JSON', 'XLSX'][n % 3]}> ; dcat:accessURL ?url } LIMIT 100`,
  'CONSTRUCT one dataset': (n) => `CONSTRUCT { <{base}id/output/dataset-${n}> ?p ?o } WHERE { <{base}id/output/dataset-${n}> ?p ?o }`,
};

/**
 * The query of the mix named `name` for run `run`, over a catalogue of `datasets`
 * under `base`. A comment makes each run's text unique, so the endpoint's result
 * cache never answers: these figures are the engines'; repeats are measured apart.
 */
export function mixQuery(name: string, run: number, datasets: number, base: string): string {
  return `# run ${run}\n${QUERY_MIX[name]!(1 + ((run * 7919) % datasets)).replaceAll('{base}', base)}`;
}

/** p50 and p99 of a list of milliseconds. */
export function percentiles(times: number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)] ?? NaN, p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN };
}
