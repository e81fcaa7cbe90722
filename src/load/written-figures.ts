import { isMap, isScalar, type Pair, type Scalar } from 'yaml';
import type { YamlSource } from './read-yaml.js';

/** One figure of a data file as written: its series, measure and year, and the YAML nodes of key and value. */
export interface WrittenFigure {
  series: string;
  measure: string;
  year: string;
  yearNode: Scalar | undefined;
  valueNode: Scalar | undefined;
}

/** The figures of a data file (`reeksen.<series>.<measure>.<year>`) in the order they are written. */
export function* writtenFigures(source: YamlSource): Generator<WrittenFigure> {
  const reeksen = source.doc.get('reeksen', true);
  if (!isMap(reeksen)) return;
  for (const seriesPair of reeksen.items) {
    if (!isMap(seriesPair.value)) continue;
    for (const measurePair of seriesPair.value.items) {
      const measure = keyOf(measurePair);
      if (measure === 'label' || !isMap(measurePair.value)) continue;
      for (const yearPair of measurePair.value.items) {
        yield {
          series: keyOf(seriesPair),
          measure,
          year: keyOf(yearPair),
          yearNode: isScalar(yearPair.key) ? yearPair.key : undefined,
          valueNode: isScalar(yearPair.value) ? yearPair.value : undefined,
        };
      }
    }
  }
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}
