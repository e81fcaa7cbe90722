import type { Dataset } from '../validate/schemas.js';
import { sourceDecimals } from '../format/nl.js';
import { cellKey, type LoadedDataset } from './dataset.js';
import type { YamlSource } from './read-yaml.js';
import { writtenFigures } from './written-figures.js';

export type { LoadedDataset };

export function loadedDataset(name: string, source: YamlSource, data: Dataset): LoadedDataset {
  const decimals = new Map<string, number>();
  for (const f of writtenFigures(source)) {
    const written = f.valueNode?.source;
    const value = f.valueNode?.value;
    if (typeof value !== 'number') continue;
    // The number as typed: `50.0` is 50 to YAML but one decimal to the reader of the table.
    const d = typeof written === 'string' && /^-?\d+\.\d+$/.test(written) ? written.length - written.indexOf('.') - 1 : sourceDecimals(value);
    decimals.set(cellKey(f.series, f.measure, f.year), d);
  }
  return { name, file: source.file, data, decimals };
}

