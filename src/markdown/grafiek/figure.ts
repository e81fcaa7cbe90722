import type { Element } from 'hast';
import type { Code } from 'mdast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { LoadedDataset } from '../../load/dataset.js';
import type { ParsedSection } from '../parse-section.js';
import { chartSvg } from './chart-svg.js';
import { chartFromBlock } from './spec.js';
import type { BlockSpec } from '../block-specs.js';
import type { Grafiek } from '../../validate/block-schemas.js';
import { blockName } from '../block-names.js';

/**
 * Every `grafiek` block of the printed sections as a figure: caption, the chart as inline SVG (vector text
 * and lines in the PDF) with its text alternative, and the source of its data.
 */
export async function drawFigures(sections: ParsedSection[], datasets: Map<string, LoadedDataset>, specs: Map<Code, BlockSpec>, textWidthMm: number): Promise<Map<Code, Element>> {
  const blocks: Array<{ node: Code; file: string }> = [];
  for (const section of sections) {
    visit(section.tree, 'code', (node) => {
      if (blockName(node) === 'grafiek') blocks.push({ node, file: section.file });
    });
  }
  const figures = await Promise.all(
    blocks.map(async ({ node, file }, i) => {
      const chart = chartFromBlock(node, file, datasets, specs.get(node) as Grafiek, textWidthMm);
      const id = `grafiek-${i + 1}`;
      const svg = await chartSvg(chart.spec, `${id}-`);
      svg.properties = { ...svg.properties, role: 'img', ariaLabel: chart.alt };
      svg.children.unshift(h('title', chart.alt));
      const figure = h('figure', { className: ['grafiek'], id, role: 'group' }, [h('figcaption', chart.titel), svg, h('p', { className: ['bron'] }, `Bron: ${chart.bron}`)]);
      return [node, figure] as const;
    }),
  );
  return new Map(figures);
}
