import { loadKinds } from '../load/kinds.js';
import { schemaFilesFor } from './schemas.js';

/**
 * The JSON Schemas of schemas/ for the kinds of document in a layouts folder (scripts/write-schemas.mjs), found
 * by the one discovery of kinds that build, diff, verify and preview use.
 */
export async function schemaFilesOf(templatesDir: string) {
  const { kinds } = await loadKinds(templatesDir);
  return schemaFilesFor(new Map([...kinds].map(([soort, kind]) => [soort, kind.descriptor])));
}
