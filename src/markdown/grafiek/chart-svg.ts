import { createHash } from 'node:crypto';
import type { Element } from 'hast';
import { readCache, writeCache } from '../../disk-cache.js';
import { ID_PLACEHOLDER, type ChartSpec } from './spec.js';

declare const __CHART_VERSIONS__: string | undefined;
const CHART_ID = typeof __CHART_VERSIONS__ === 'string' ? __CHART_VERSIONS__ : 'unbundled';

/**
 * The SVG of a chart. Drawing is a pure function of the spec and the charting library's version, so the
 * result is kept in node_modules/.cache/voortgang/grafiek (and in memory): ECharts is loaded only when a chart
 * changed. `idPrefix` makes the chart's internal ids (clip paths) unique within its document.
 */
export async function chartSvg(spec: ChartSpec, idPrefix: string): Promise<Element> {
  const key = createHash('sha256').update(CHART_ID).update('\0').update(JSON.stringify(spec)).digest('hex');
  let json = inMemory.get(key) ?? readCache('grafiek', `${key}.json`);
  if (json === undefined) {
    const { drawChartSvg } = await import('./draw-svg.js');
    json = JSON.stringify(drawChartSvg(spec));
    writeCache('grafiek', `${key}.json`, json);
  }
  if (inMemory.size > 100) inMemory.clear();
  inMemory.set(key, json);
  return JSON.parse(json.replaceAll(ID_PLACEHOLDER, idPrefix)) as Element;
}

const inMemory = new Map<string, string>();
