/**
 * Graphviz DOT → SVG with Graphviz compiled to WebAssembly (@viz-js/viz), so plate diagrams render
 * without a system Graphviz. Text defaults to DejaVu Sans, the font the PNG renderer bundles, and
 * the drawing gets a small margin; attributes set in the DOT itself take precedence.
 */
import { PlotInputError } from './plot-error.js';

type Viz = Awaited<ReturnType<typeof import('@viz-js/viz').instance>>;
let viz: Promise<Viz> | undefined;

function loadViz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  return viz;
}

const FONT = { fontname: 'DejaVu Sans' };
// A margin (inches) so external labels (xlabel) at the drawing's edge are not cut off.
const GRAPH = { ...FONT, pad: 0.15 };

/** Lay out `dot` with the `dot` engine and return the SVG document. */
export async function renderDot(dot: string): Promise<string> {
  const result = (await loadViz()).render(dot, {
    format: 'svg',
    engine: 'dot',
    graphAttributes: GRAPH,
    nodeAttributes: FONT,
    edgeAttributes: FONT,
  });
  if (result.status !== 'success') {
    const reasons = result.errors.filter((e) => e.level !== 'warning').map((e) => e.message.trim());
    throw new PlotInputError(`Graphviz could not render the DOT graph: ${reasons.join('; ') || 'unknown error'}`);
  }
  return result.output;
}
