/**
 * Image grids written directly as 8-bit greyscale PNG (no SVG step): samples, reconstructions and
 * mixture component means. Pixel intensity v ∈ [0, 1] becomes grey level round(255·v), so 1 is
 * white (the MNIST convention: bright ink on a dark background). Images fill the grid row by row;
 * each pixel is drawn as a `scale`×`scale` block, with `pad` pixels of mid-grey between images.
 */
import { encode } from 'fast-png';
import { requireFinite, requireInteger } from './check-input.js';
import { PlotInputError } from './plot-error.js';

export interface ImageGridOptions {
  readonly rows: number;
  readonly cols: number;
  /** Height and width of one image in pixels. */
  readonly h: number;
  readonly w: number;
  /** Output pixels per image pixel. Default 2. */
  readonly scale?: number;
  /** Border width in output pixels around and between images. Default 2. */
  readonly pad?: number;
}

/** Grey level of borders and of empty cells: distinct from both black background and white ink. */
const PAD_GREY = 128;

/**
 * A near-square layout for n images: the fewest columns c ≥ √n that divide n exactly (so no cell
 * is empty), looking up to 2√n; otherwise ⌈√n⌉ columns. 10 → 2×5, 64 → 8×8, 7 → 3×3.
 */
export function gridShape(n: number): { rows: number; cols: number } {
  requireInteger('gridShape n', n, 1);
  const root = Math.sqrt(n);
  let cols = Math.ceil(root);
  for (let c = cols; c <= 2 * root; c++) {
    if (n % c === 0) {
      cols = c;
      break;
    }
  }
  return { rows: Math.ceil(n / cols), cols };
}

/** Size of the PNG `imageGrid` draws for these options. */
export function gridSize(opts: ImageGridOptions): { width: number; height: number } {
  const scale = opts.scale ?? 2;
  const pad = opts.pad ?? 2;
  return { width: pad + opts.cols * (opts.w * scale + pad), height: pad + opts.rows * (opts.h * scale + pad) };
}

/** Lay out `images` (n×h×w, row-major, values in [0, 1]) on a rows×cols grid; returns PNG bytes. */
export function imageGrid(images: ArrayLike<number>, opts: ImageGridOptions): Uint8Array {
  const { rows, cols, h, w } = opts;
  const scale = opts.scale ?? 2;
  const pad = opts.pad ?? 2;
  requireInteger('imageGrid rows', rows, 1);
  requireInteger('imageGrid cols', cols, 1);
  requireInteger('imageGrid h', h, 1);
  requireInteger('imageGrid w', w, 1);
  requireInteger('imageGrid scale', scale, 1);
  requireInteger('imageGrid pad', pad, 0);
  if (images.length % (h * w) !== 0) {
    throw new PlotInputError(`imageGrid images has ${images.length} values, not a multiple of h×w = ${h * w}`);
  }
  const n = images.length / (h * w);
  if (n > rows * cols) {
    throw new PlotInputError(`imageGrid got ${n} images but the ${rows}×${cols} grid holds only ${rows * cols}`);
  }
  requireFinite('imageGrid images', images);

  const { width, height } = gridSize(opts);
  const pixels = new Uint8Array(width * height).fill(PAD_GREY);
  for (let k = 0; k < n; k++) {
    const top = pad + Math.floor(k / cols) * (h * scale + pad);
    const left = pad + (k % cols) * (w * scale + pad);
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const v = images[k * h * w + r * w + c]!;
        const grey = Math.round(255 * Math.min(1, Math.max(0, v)));
        for (let dr = 0; dr < scale; dr++) {
          const start = (top + r * scale + dr) * width + left + c * scale;
          pixels.fill(grey, start, start + scale);
        }
      }
    }
  }
  return encode({ width, height, data: pixels, channels: 1, depth: 8 });
}

/**
 * Originals above their reconstructions: images are taken `cols` at a time, and each batch gives
 * a row of originals followed by a row of the matching reconstructions.
 */
export function reconstructionGrid(
  originals: ArrayLike<number>,
  reconstructions: ArrayLike<number>,
  opts: Omit<ImageGridOptions, 'rows'>,
): Uint8Array {
  const { cols, h, w } = opts;
  requireInteger('reconstructionGrid cols', cols, 1);
  requireInteger('reconstructionGrid h', h, 1);
  requireInteger('reconstructionGrid w', w, 1);
  const size = h * w;
  if (originals.length !== reconstructions.length) {
    throw new PlotInputError(
      `reconstructionGrid: ${originals.length} original values but ${reconstructions.length} reconstruction values`,
    );
  }
  const n = originals.length / size;
  if (!Number.isInteger(n) || n < 1) {
    throw new PlotInputError(
      `reconstructionGrid originals has ${originals.length} values; expected a positive multiple of h×w = ${size}`,
    );
  }
  const batches = Math.ceil(n / cols);
  // Cells of a short last batch are left empty (mid-grey) rather than filled with other images.
  const interleaved = new Float32Array(2 * batches * cols * size).fill(0.5);
  for (let i = 0; i < n; i++) {
    const batch = Math.floor(i / cols);
    const col = i % cols;
    for (const [source, row] of [[originals, 0], [reconstructions, 1]] as const) {
      const cell = (2 * batch + row) * cols + col;
      for (let p = 0; p < size; p++) interleaved[cell * size + p] = source[i * size + p]!;
    }
  }
  return imageGrid(interleaved, { ...opts, rows: 2 * batches });
}
