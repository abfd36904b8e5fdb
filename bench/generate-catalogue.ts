import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A small seeded PRNG (mulberry32): the same seed gives the same catalogue on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS_EN = ['road', 'water', 'budget', 'transit', 'parks', 'permits', 'census', 'energy', 'waste', 'housing', 'health', 'schools', 'traffic', 'trees', 'air', 'noise', 'bicycle', 'library', 'elections', 'zoning'];
const WORDS_FR = ['routes', 'eau', 'budget', 'transport', 'parcs', 'permis', 'recensement', 'énergie', 'déchets', 'logement', 'santé', 'écoles', 'circulation', 'arbres', 'air', 'bruit', 'vélo', 'bibliothèque', 'élections', 'zonage'];
const THEMES = ['agriculture', 'economy', 'education', 'energy', 'environment', 'government', 'health', 'international', 'justice', 'regions-and-cities', 'society', 'technology', 'transport'];
const FORMATS = ['CSV', 'JSON', 'HTML', 'PDF', 'XLSX'];
const KINDS = ['report', 'guide', 'faq', 'webinar-recording'];

/** Outputs per file of data/outputs/ unless asked otherwise: one record per file, as a team would keep them (100 to a file was no faster to build at 10 000 datasets). */
export const OUTPUTS_PER_FILE = 1;

/** Writes a data/ folder with `datasets` outputs (in data/outputs/, `outputsPerFile` to a file), their publishers, authors and links, from `seed`. */
export async function generateCatalogue(dir: string, datasets: number, seed = 42, outputsPerFile = OUTPUTS_PER_FILE): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const count = min + Math.floor(random() * (max - min + 1));
    return [...new Set(Array.from({ length: count }, () => pick(items)))];
  };
  const date = () => new Date(Date.UTC(2010, 0, 1) + Math.floor(random() * 15 * 365) * 86_400_000).toISOString().slice(0, 10);

  const organisations = Array.from({ length: Math.max(2, Math.ceil(datasets / 50)) }, (_, i) => ({
    id: `publisher-${i + 1}`,
    name: { en: `Publisher ${i + 1}`, fr: `Éditeur ${i + 1}` },
    kind: pick(['local-authority', 'regional-authority', 'national-authority', 'academia']),
  }));
  const people = Array.from({ length: Math.max(2, Math.ceil(datasets / 20)) }, (_, i) => ({
    id: `person-${i + 1}`,
    name: `Person ${i + 1}`,
    affiliations: [pick(organisations).id],
  }));
  const outputs = Array.from({ length: datasets }, (_, i) => {
    const words = some([...WORDS_EN.keys()], 2, 4);
    const issued = date();
    return {
      id: `dataset-${i + 1}`,
      title: { en: `${words.map((w) => WORDS_EN[w]).join(' ')} ${i + 1}`, fr: `${words.map((w) => WORDS_FR[w]).join(' ')} ${i + 1}` },
      description: { en: `Synthetic dataset ${i + 1} about ${words.map((w) => WORDS_EN[w]).join(', ')}.`, fr: `Jeu de données synthétique ${i + 1} : ${words.map((w) => WORDS_FR[w]).join(', ')}.` },
      kind: pick(KINDS),
      project: 'synthetic-project',
      publisher: pick(organisations).id,
      authors: some(people.map((person) => person.id), 1, 3),
      language: ['en', 'fr'],
      themes: some(THEMES, 1, 2),
      spatial: ['canada'],
      keywords: words.map((w) => ({ en: WORDS_EN[w]!, fr: WORDS_FR[w]! })),
      issued,
      modified: issued > '2020' ? issued : date() > issued ? date() : issued,
      links: some(FORMATS, 1, 3).map((format, j) => ({ id: format.toLowerCase(), url: `https://data.example.org/dataset/${i + 1}/${j + 1}.${format.toLowerCase()}`, format })),
    };
  });

  await mkdir(join(dir, 'outputs'), { recursive: true });
  const files: Record<string, unknown> = {
    'catalog.yaml': { title: { en: `Synthetic catalogue of ${datasets} datasets`, fr: `Catalogue synthétique de ${datasets} jeux de données` }, description: 'Generated for benchmarks.', publisher: 'publisher-1', language: ['en', 'fr'] },
    'organisations.yaml': organisations,
    'people.yaml': people,
    'projects.yaml': [{ id: 'synthetic-project', name: 'Synthetic project', description: 'Generated for benchmarks.', lead: 'publisher-1' }],
    'funding.yaml': [],
    'documents.yaml': [],
  };
  for (const [name, value] of Object.entries(files)) await writeFile(join(dir, name), stringify(value, { lineWidth: 0 }));
  // The outputs as a folder, as a large team would keep them: `outputsPerFile` to a file
  // (one record per file at 1), named so that their order is the order of the outputs.
  const digits = String(Math.ceil(datasets / outputsPerFile)).length;
  for (let start = 0, file = 1; start < datasets; start += outputsPerFile, file += 1) {
    const slice = outputs.slice(start, start + outputsPerFile);
    await writeFile(join(dir, 'outputs', `${String(file).padStart(digits, '0')}.yaml`), stringify(outputsPerFile === 1 ? slice[0] : slice, { lineWidth: 0 }));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, size, seed, perFile] = process.argv.slice(2);
  if (!dir || !size) {
    console.error('Usage: tsx bench/generate-catalogue.ts DIR DATASETS [SEED] [OUTPUTS_PER_FILE]');
    process.exit(2);
  }
  await generateCatalogue(dir, Number(size), seed ? Number(seed) : undefined, perFile ? Number(perFile) : undefined);
}
