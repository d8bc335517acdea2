import { describe, expect, it } from 'vitest';
import { PlotInputError, renderDot, svgToPng } from '../../src/plot/index.js';
import { assertWellFormedXml, darkFraction, decodePng, svgSize, svgTexts } from './helpers.js';

const PLATE = `digraph vae {
  node [shape=circle];
  subgraph cluster_rows { label="n = 1..N"; z; x [style=filled, fillcolor="#dddddd"]; }
  theta [label="θ", shape=plaintext];
  z -> x; theta -> x;
}`;

describe('renderDot', () => {
  it('lays out a plate diagram as SVG with every node and plate label', async () => {
    const svg = await renderDot(PLATE);
    assertWellFormedXml(svg);
    const texts = svgTexts(svg);
    for (const label of ['z', 'x', 'θ', 'n = 1..N']) expect(texts).toContain(label);
    // Three nodes, two edges, one cluster, each a <g class="...">.
    expect(svg.match(/class="node"/g)).toHaveLength(3);
    expect(svg.match(/class="edge"/g)).toHaveLength(2);
    expect(svg.match(/class="cluster"/g)).toHaveLength(1);
    expect(svg).toContain('font-family="DejaVu Sans"');
    expect(await renderDot(PLATE)).toBe(svg); // deterministic
  });

  it('keeps fonts chosen in the DOT itself', async () => {
    const svg = await renderDot('digraph { node [fontname="Courier"]; a -> b }');
    expect(svg).toContain('font-family="Courier');
  });

  it('renders to a PNG with visible labels (pt converted at 96 dpi, then scaled 2x)', async () => {
    const svg = await renderDot(PLATE);
    const img = decodePng(await svgToPng(svg));
    const { width, height } = svgSize(svg);
    expect(Math.abs(img.width - (2 * width * 4) / 3)).toBeLessThanOrEqual(1);
    expect(Math.abs(img.height - (2 * height * 4) / 3)).toBeLessThanOrEqual(1);
    expect(darkFraction(img)).toBeGreaterThan(0.01);
  });

  it('reports DOT syntax errors with Graphviz’s message', async () => {
    await expect(renderDot('digraph { a -> }')).rejects.toThrow(PlotInputError);
    await expect(renderDot('digraph { a -> }')).rejects.toThrow(/Graphviz could not render the DOT graph: .*syntax error/);
  });
});
