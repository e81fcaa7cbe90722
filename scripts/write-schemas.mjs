// Writes schemas/*.schema.json from the zod schemas in src/validate/schemas.ts and the descriptors of the kinds
// of document (templates/<soort>/layout.yaml, their facts) — the one definition of the source formats, used by the build to validate and by editors (VS Code YAML extension) to check and complete.
//   node scripts/write-schemas.mjs [--check]    --check: exit 1 if a committed schema is out of date
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Bundled inside the project, its packages left to Node: they resolve from node_modules/ (one zod for all).
mkdirSync(join('node_modules', '.cache'), { recursive: true });
const dir = mkdtempSync(join('node_modules', '.cache', 'voortgang-schemas-'));
const out = resolve(dir, 'schemas.mjs');
await build({ entryPoints: ['src/validate/schema-files.ts'], outfile: out, bundle: true, packages: 'external', platform: 'node', format: 'esm', logLevel: 'warning' });
const { schemaFilesOf } = await import(pathToFileURL(out).href);
const schemaFiles = await schemaFilesOf('templates');
const { z } = await import('zod');
rmSync(dir, { recursive: true, force: true });

const check = process.argv.includes('--check');
let stale = 0;
mkdirSync('schemas', { recursive: true });
for (const [file, schema] of Object.entries(schemaFiles)) {
  const json = `${JSON.stringify({ $id: `https://voortgang.invalid/schemas/${file}`, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2)}\n`;
  const path = join('schemas', file);
  let current = '';
  try { current = readFileSync(path, 'utf8'); } catch {}
  if (current === json) continue;
  stale++;
  if (check) console.error(`${path} is out of date: run node scripts/write-schemas.mjs`);
  else writeFileSync(path, json);
}
if (check && stale) process.exit(1);
