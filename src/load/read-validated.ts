import { cached, cacheKey } from '../disk-cache.js';
import { SOURCE_FORMAT_ID } from './format-id.js';
import { readSourceText } from './source-files.js';

/**
 * A YAML file parsed and validated, or the result of doing so earlier for the same text. Parsing YAML and
 * validating it costs a cold process ~5–10 ms per file (the parser's code is not yet compiled); a file that
 * validated before is taken from node_modules/.cache/voortgang/yaml, keyed by its text and the code that
 * reads source files (schemas, parser versions). Only files that validated are kept: a file with a mistake is
 * read anew every time, so its errors are reported at their line and column as always.
 */
export async function readValidated<T, J = T>(
  file: string,
  root: string,
  kind: string,
  validate: (text: string) => Promise<T>,
  codec: { toJson(v: T): J; fromJson(j: J): T } = { toJson: (v) => v as unknown as J, fromJson: (j) => j as unknown as T },
): Promise<T> {
  const text = await readSourceText(file, root);
  const json = await cached('yaml', cacheKey(SOURCE_FORMAT_ID, kind, file, text), async () => codec.toJson(await validate(text)));
  return codec.fromJson(json);
}
