import type { Element } from 'hast';
import { cached, cacheKey } from '../../disk-cache.js';
import { ID_PLACEHOLDER, type ChartSpec } from './spec.js';

declare const __CHART_VERSIONS__: string | undefined;
const CHART_ID = typeof __CHART_VERSIONS__ === 'string' ? __CHART_VERSIONS__ : 'unbundled';

/**
 * The SVG of a chart. Drawing is a pure function of the spec and the charting library's version, so the
 * result is kept in node_modules/.cache/voortgang/grafiek (and in memory): ECharts is loaded only when a chart
 * changed. `idPrefix` makes the chart's internal ids (clip paths) unique within its document.
 */
export async function chartSvg(spec: ChartSpec, idPrefix: string): Promise<Element> {
  const svg = await cached('grafiek', cacheKey(CHART_ID, JSON.stringify(spec)), async () => (await import('./draw-svg.js')).drawChartSvg(spec));
  return JSON.parse(JSON.stringify(svg).replaceAll(ID_PLACEHOLDER, idPrefix)) as Element;
}
