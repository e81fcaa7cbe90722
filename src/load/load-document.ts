import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SourceError, throwIfAny } from '../errors.js';
import { afzenderSchema, datasetSchema, documentSchema, type Afzender, type Brief } from '../validate/schemas.js';
import { checkDatasetSource } from '../validate/dataset-source.js';
import { loadedDataset, type LoadedDataset } from './dataset.js';
import { validateYaml } from '../validate/validate-yaml.js';
import { readYaml } from './read-yaml.js';

export interface MarkdownSource {
  file: string;
  text: string;
}


/** Everything one document is made from, read and validated. */
export interface DocumentSources {
  year: string;
  name: string; // e.g. "kamerbrief": output file name and layout
  dataFile: string;
  brief: Brief;
  afzender: Afzender;
  sections: MarkdownSource[];
  datasets: Map<string, LoadedDataset>;
  /** Every file read, for provenance and watch. */
  inputs: string[];
}

export async function loadDocument(contentDir: string, year: string, dataFile: string): Promise<DocumentSources> {
  const name = basename(dataFile, '.yaml');
  const briefSource = await readYaml(dataFile);
  const brief = validateYaml(briefSource, documentSchema);

  const afzenderFile = join(contentDir, 'afzenders', `${brief.afzender}.yaml`);
  const afzenderNode = briefSource.doc.get('afzender', true) as { range?: [number, number, number] } | undefined;
  const afzenderPos = briefSource.lines.linePos(afzenderNode?.range?.[0] ?? 0);
  const afzenderSource = await readYaml(afzenderFile).catch(() => {
    throw new SourceError(dataFile, afzenderPos.line, afzenderPos.col, `afzender: no file ${afzenderFile} — create it or use one of the names in ${join(contentDir, 'afzenders')}/`);
  });
  const afzender = validateYaml(afzenderSource, afzenderSchema);

  const sectionDir = join(contentDir, year, name);
  const sectionFiles = (await readdir(sectionDir).catch(() => {
    throw new SourceError(dataFile, undefined, undefined, `the sections of this document belong in ${sectionDir}/ (one Markdown file per chapter), which does not exist`);
  }))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(sectionDir, f));
  if (sectionFiles.length === 0) throw new SourceError(sectionDir, undefined, undefined, 'no Markdown sections (*.md) found');
  const sections = await Promise.all(sectionFiles.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));

  const datasets = await loadDatasets(join(contentDir, year, 'data'));
  return {
    year,
    name,
    dataFile,
    brief,
    afzender,
    sections,
    datasets,
    inputs: [dataFile, afzenderFile, ...sectionFiles, ...[...datasets.values()].map((d) => d.file)],
  };
}

async function loadDatasets(dir: string): Promise<Map<string, LoadedDataset>> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.yaml')).sort();
  const loaded = await Promise.all(
    files.map(async (f) => {
      const name = basename(f, '.yaml');
      const source = await readYaml(join(dir, f));
      const data = validateYaml(source, datasetSchema);
      throwIfAny(checkDatasetSource(source));
      return [name, loadedDataset(name, source, data)] as const;
    }),
  );
  return new Map(loaded);
}
