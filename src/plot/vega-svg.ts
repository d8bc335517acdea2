/**
 * Vega-Lite spec → SVG string, headless. Vega and Vega-Lite are imported lazily so that loading
 * the CLI does not pay for them unless a chart is drawn.
 */
import type { TopLevelSpec } from 'vega-lite';
import { isBold, textWidth } from './text-width.js';
import { VEGA_LITE_CONFIG } from './theme.js';

type VegaModules = [typeof import('vega'), typeof import('vega-lite')];
let modules: Promise<VegaModules> | undefined;

/** A text mark as Vega's text measurement sees it (not in vega's typings). */
interface TextItem {
  readonly text?: unknown;
  readonly fontSize?: number;
  readonly fontWeight?: unknown;
}
interface TextMetrics {
  width(item: TextItem, text?: unknown): number;
}

function loadVega(): Promise<VegaModules> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]).then((loaded) => {
    // Vega's documented hook for a custom text measure (used e.g. by vl-convert).
    const metrics = (loaded[0] as unknown as { textMetrics: TextMetrics }).textMetrics;
    metrics.width = (item, text) =>
      textWidth(String(text ?? item.text ?? ''), item.fontSize ?? 11, isBold(item.fontWeight));
    return loaded;
  });
  return modules;
}

/** Compile a Vega-Lite spec (with the shared theme as its config) and render it to SVG. */
export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await loadVega();
  const themed = { ...spec, config: { ...VEGA_LITE_CONFIG, ...spec.config } } as TopLevelSpec;
  // Only errors are reported: Vega-Lite's warnings are about defaults we chose deliberately.
  const logger = vega.logger(vega.Error);
  const compiled = vegaLite.compile(themed, { logger }).spec;
  vega.resetSVGDefIds(); // clip-path and gradient ids restart at 1: identical input, identical SVG
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
