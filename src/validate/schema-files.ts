import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { validateLayout } from './validate-layout.js';
import { schemaFilesFor } from './schemas.js';

/** The JSON Schemas of schemas/ for the kinds of document in a layouts folder (scripts/write-schemas.mjs). */
export function schemaFilesOf(templatesDir: string) {
  const kinds = readdirSync(templatesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(templatesDir, e.name, 'layout.yaml')))
    .map((e) => e.name)
    .sort();
  const layouts = new Map(kinds.map((k) => { const file = join(templatesDir, k, 'layout.yaml'); return [k, validateLayout(file, readFileSync(file, 'utf8'))] as const; }));
  return schemaFilesFor(layouts);
}
