// Bundles bench/floor.js into dist/floor.js (its chunks in dist/floor-chunks/) the way the build is bundled
// (scripts/node-bundle.mjs, split into chunks), so that the floor loads Puppeteer as the build does.
import { build } from 'esbuild';
import { join } from 'node:path';
import { nodeBundle } from '../scripts/node-bundle.mjs';

export async function buildFloor(root) {
  await build({ ...nodeBundle, entryPoints: { floor: join(root, 'bench', 'floor.js') }, outdir: join(root, 'dist'), splitting: true, chunkNames: 'floor-chunks/[name]-[hash]', sourcemap: false });
}
