/**
 * SVG → PNG with resvg compiled to WebAssembly. Text is drawn with DejaVu Sans shipped in the
 * `dejavu-fonts-ttf` package, and system fonts are not consulted, so the PNG looks the same on
 * every machine (and text appears even where no fonts are installed).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PlotInputError } from './plot-error.js';

type Resvg = typeof import('@resvg/resvg-wasm');
interface Renderer {
  readonly resvg: Resvg;
  readonly fonts: Uint8Array[];
}

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'];
const FONT_NAME = 'DejaVu Sans';

let renderer: Promise<Renderer> | undefined;

function loadRenderer(): Promise<Renderer> {
  renderer ??= (async () => {
    const require = createRequire(import.meta.url);
    const [resvg, wasm, ...fonts] = await Promise.all([
      import('@resvg/resvg-wasm'),
      readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
      ...FONT_FILES.map((f) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${f}`))),
    ]);
    // initWasm may run only once per process; the cached promise guarantees that.
    await resvg.initWasm(wasm);
    return { resvg, fonts: fonts.map((b) => new Uint8Array(b)) };
  })();
  return renderer;
}

export interface PngOptions {
  /** Pixels per SVG user unit; 2 gives crisp text on high-density screens and in documents. */
  readonly scale?: number;
}

/** Rasterize an SVG document to PNG bytes on a white background. */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const { resvg, fonts } = await loadRenderer();
  const scale = options.scale ?? 2;
  if (!(scale > 0 && Number.isFinite(scale))) {
    throw new PlotInputError(`PNG scale must be a positive number, got ${scale}`);
  }
  let doc: InstanceType<Resvg['Resvg']>;
  try {
    doc = new resvg.Resvg(svg, {
      background: 'white',
      fitTo: { mode: 'zoom', value: scale },
      font: {
        fontBuffers: fonts,
        defaultFontFamily: FONT_NAME,
        sansSerifFamily: FONT_NAME,
        serifFamily: FONT_NAME,
        monospaceFamily: FONT_NAME,
        cursiveFamily: FONT_NAME,
        fantasyFamily: FONT_NAME,
      },
    });
  } catch (e) {
    throw new PlotInputError(`cannot render the SVG to PNG: ${(e as Error).message}`);
  }
  try {
    const image = doc.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    doc.free();
  }
}
