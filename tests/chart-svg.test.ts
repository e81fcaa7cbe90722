import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { drawChartSvg } from '../src/markdown/grafiek/draw-svg.js';
import type { ChartSpec } from '../src/markdown/grafiek/spec.js';

const spec: ChartSpec = {
  soort: 'lijn',
  width: 506,
  height: 250,
  years: ['2019', '2020', '2021'],
  series: [
    { label: 'Overvallen', values: [1174, 907, 676] },
    { label: 'Straatroven', values: [3777, null, 2321] },
  ],
  axis: { name: 'Aantal', unit: 'aantal' },
};

describe('a chart is drawn as plain, deterministic SVG', () => {
  it('the same data gives the same SVG bytes, also when the library drew other charts before', () => {
    const first = toHtml(drawChartSvg(spec), { space: 'svg' });
    drawChartSvg({ ...spec, soort: 'staaf' });
    const again = toHtml(drawChartSvg(spec), { space: 'svg' });
    expect(again).toBe(first);
  });

  it('carries no screen-only parts: hover styles, classes, interaction metadata', () => {
    const svg = toHtml(drawChartSvg(spec), { space: 'svg' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/<style|class=|ecmeta|pointer-events|zr\d/);
  });

  it('labels the axis in Dutch number format, in the letter typeface, and draws in black', () => {
    const svg = toHtml(drawChartSvg(spec), { space: 'svg' });
    expect(svg).toContain('>1.000<'); // ticks of the value axis: thousands with a dot
    expect(svg).toContain('>4.000<');
    expect(svg).toContain('>Aantal<');
    expect(svg).toContain('font-family:Huisletter');
    for (const year of spec.years) expect(svg).toContain(`>${year}<`);
    const strokes = [...svg.matchAll(/stroke="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(strokes.filter((s) => !/^#(000|000000|c8c8c8)$/i.test(s)))).toEqual(new Set());
  });

  it('tells series apart without colour: each line its own dash pattern', () => {
    const svg = toHtml(drawChartSvg(spec), { space: 'svg' });
    expect(svg).toMatch(/stroke-dasharray/);
  });
});
