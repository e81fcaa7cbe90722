import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit, SKIP } from 'unist-util-visit';
import { init, use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { formatNumber } from '../../format/nl.js';
import { ID_PLACEHOLDER, type ChartSpec } from './spec.js';

/**
 * Draws a chart with Apache ECharts' server-side SVG renderer (no browser, no canvas) and cleans the result into
 * a plain, deterministic SVG element: no hover styles, no interaction metadata, ids that do not depend on how many
 * charts this process drew before. Loaded only when a chart is not in the cache (ECharts is ~0.5 MB of code).
 *
 * Made to be read in black and white: black lines that differ in dash pattern and marker, bars in four greys
 * with a black edge; Dutch number format on the axis; the letter's typeface and sizes.
 */
use([LineChart, BarChart, GridComponent, LegendComponent, SVGRenderer]);

const DASHES = ['solid', 'dashed', 'dotted', [8, 3, 2, 3]] as const;
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond'] as const;
const GREYS = ['#000000', '#6e6e6e', '#b4b4b4', '#e6e6e6'] as const;
const FONT = { fontFamily: 'Huisletter, DejaVu Sans, sans-serif', fontSize: 10, color: '#000' };

export function drawChartSvg(spec: ChartSpec): Element {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption({
      animation: false,
      textStyle: FONT,
      grid: { left: 48, right: 12, top: 26, bottom: 48, outerBoundsMode: 'none' },
      legend: { bottom: 0, left: 0, borderColor: '#000', borderWidth: 0, itemGap: 14, itemWidth: 26, itemHeight: 8, textStyle: FONT, icon: spec.soort === 'staaf' ? 'rect' : undefined },
      xAxis: {
        type: 'category',
        data: spec.years,
        boundaryGap: spec.soort === 'staaf',
        axisLine: { lineStyle: { color: '#000', width: 0.75 } },
        axisTick: { alignWithLabel: true, lineStyle: { color: '#000', width: 0.75 } },
        axisLabel: { ...FONT, interval: 0 },
      },
      yAxis: {
        type: 'value',
        name: spec.axis.name,
        nameLocation: 'end',
        nameGap: 10,
        nameTextStyle: { ...FONT, align: 'left' },
        axisLabel: { ...FONT, formatter: (v: number) => tick(v, spec.axis.unit) },
        splitLine: { lineStyle: { color: '#c8c8c8', width: 0.5 } },
      },
      series: spec.series.map((s, i) =>
        spec.soort === 'staaf'
          ? { type: 'bar', name: s.label, data: s.values, itemStyle: { color: GREYS[i % 4], borderColor: '#000', borderWidth: 0.5 } }
          : {
              type: 'line',
              name: s.label,
              data: s.values,
              connectNulls: false,
              symbol: SYMBOLS[i % 4],
              symbolSize: 6,
              lineStyle: { color: '#000', width: 1.25, type: DASHES[i % 4] },
              itemStyle: { color: '#fff', borderColor: '#000', borderWidth: 1 },
            },
      ),
    });
    return clean(chart.renderToSVGString());
  } finally {
    chart.dispose(); // or the renderer keeps the process alive
  }
}

function tick(v: number, unit: ChartSpec['axis']['unit']): string {
  const rounded = Math.round(v * 1000) / 1000;
  return unit === 'procent' ? `${formatNumber(rounded)}%` : formatNumber(rounded);
}

const DROP = new Set(['className', 'pointerEvents']);

/** The SVG as a hast element, stripped of what is for screens and with ids renumbered from 0 per chart. */
function clean(svg: string): Element {
  const tree: Root = fromHtml(svg, { fragment: true });
  const root = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
  if (!root) throw new Error('ECharts gave no <svg>');
  const ids = new Map<string, string>();
  visit(root, 'element', (el, index, parent) => {
    if (el.tagName === 'style' && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    for (const key of Object.keys(el.properties)) {
      if (DROP.has(key) || key.startsWith('ecmeta')) delete el.properties[key];
    }
    const id = el.properties.id;
    if (typeof id === 'string') {
      const renamed = `${ID_PLACEHOLDER}${ids.size}`;
      ids.set(id, renamed);
      el.properties.id = renamed;
    }
    return undefined;
  });
  // Whitespace text between elements is noise.
  visit(root, (node, index, parent) => {
    if (node.type === 'text' && parent && index !== undefined && (parent as Element).tagName !== 'text' && node.value.trim() === '') {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
  visit(root, 'element', (el) => {
    for (const [key, value] of Object.entries(el.properties)) {
      if (typeof value === 'string' && value.includes('url(#')) el.properties[key] = value.replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${ids.get(id) ?? id})`);
    }
  });
  return root;
}
