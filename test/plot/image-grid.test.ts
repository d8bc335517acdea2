import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridShape, gridSize, imageGrid, reconstructionGrid } from '../../src/plot/image-grid.js';
import { PlotInputError } from '../../src/plot/plot-error.js';
import { writePng } from '../../src/plot/write-figure.js';
import { decodePng } from './helpers.js';

const PAD = 128;

/** Image k (h×w) filled with value (k + 1)/10, except pixel (0, 0) = 1 and (h−1, w−1) = 0. */
function markedImages(n: number, h: number, w: number): Float32Array {
  const out = new Float32Array(n * h * w);
  for (let k = 0; k < n; k++) {
    out.fill((k + 1) / 10, k * h * w, (k + 1) * h * w);
    out[k * h * w] = 1;
    out[(k + 1) * h * w - 1] = 0;
  }
  return out;
}

describe('imageGrid', () => {
  it('encodes a PNG of the documented size with each image at its cell', () => {
    const [h, w, scale, pad] = [3, 4, 2, 1];
    const png = imageGrid(markedImages(5, h, w), { rows: 2, cols: 3, h, w, scale, pad });
    const img = decodePng(png);
    expect(gridSize({ rows: 2, cols: 3, h, w, scale, pad })).toEqual({ width: 1 + 3 * 9, height: 1 + 2 * 7 });
    expect([img.width, img.height]).toEqual([28, 15]);
    for (let k = 0; k < 5; k++) {
      const left = pad + (k % 3) * (w * scale + pad);
      const top = pad + Math.floor(k / 3) * (h * scale + pad);
      // The 2×2 block of pixel (0, 0) is white, the last block black, the interior grey (k+1)/10.
      for (const [dx, dy] of [[0, 0], [1, 1]]) expect(img.at(left + dx!, top + dy!)[0]).toBe(255);
      expect(img.at(left + w * scale - 1, top + h * scale - 1)[0]).toBe(0);
      expect(img.at(left + 2, top + 2)[0]).toBe(Math.round((255 * (k + 1)) / 10));
      // Borders around the cell are padding grey.
      expect(img.at(left - 1, top)[0]).toBe(PAD);
      expect(img.at(left, top - 1)[0]).toBe(PAD);
    }
    // The sixth cell is empty.
    expect(img.at(1 + 2 * 9 + 3, 1 + 7 + 3)[0]).toBe(PAD);
  });

  it('clamps intensities outside [0, 1] and uses scale 2, pad 2 by default', () => {
    const img = decodePng(imageGrid(new Float32Array([-0.5, 1.7]), { rows: 1, cols: 1, h: 1, w: 2 }));
    expect([img.width, img.height]).toEqual([2 + 4 + 2, 2 + 2 + 2]);
    expect(img.at(2, 2)[0]).toBe(0);
    expect(img.at(4, 2)[0]).toBe(255);
  });

  it('is written to disk by writePng, creating the directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vmodel-grid-'));
    try {
      const png = imageGrid(markedImages(2, 2, 2), { rows: 1, cols: 2, h: 2, w: 2 });
      const path = await writePng(join(dir, 'a', 'b', 'means.png'), png);
      expect(new Uint8Array(await readFile(path))).toEqual(png);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names what is wrong with bad input', () => {
    expect(() => imageGrid(new Float32Array(7), { rows: 1, cols: 1, h: 2, w: 2 })).toThrow(
      /7 values, not a multiple of h×w = 4/,
    );
    expect(() => imageGrid(new Float32Array(12), { rows: 1, cols: 2, h: 2, w: 2 })).toThrow(
      /got 3 images but the 1×2 grid holds only 2/,
    );
    expect(() => imageGrid(new Float32Array([0, NaN]), { rows: 1, cols: 1, h: 1, w: 2 })).toThrow(
      /imageGrid images\[1\] is NaN/,
    );
    expect(() => imageGrid(new Float32Array(4), { rows: 0, cols: 1, h: 2, w: 2 })).toThrow(PlotInputError);
  });
});

describe('gridShape', () => {
  it('picks a near-square layout without empty cells when a divisor allows it', () => {
    expect(gridShape(10)).toEqual({ rows: 2, cols: 5 });
    expect(gridShape(64)).toEqual({ rows: 8, cols: 8 });
    expect(gridShape(12)).toEqual({ rows: 3, cols: 4 });
    expect(gridShape(7)).toEqual({ rows: 3, cols: 3 }); // prime: no divisor in [√7, 2√7]
    expect(gridShape(1)).toEqual({ rows: 1, cols: 1 });
    for (let n = 1; n <= 200; n++) {
      const { rows, cols } = gridShape(n);
      expect(rows * cols).toBeGreaterThanOrEqual(n);
      expect(cols).toBeGreaterThanOrEqual(Math.sqrt(n));
      expect((rows - 1) * cols).toBeLessThan(n); // no empty row
    }
    expect(() => gridShape(0)).toThrow(PlotInputError);
  });
});

describe('reconstructionGrid', () => {
  it('puts each batch of originals in a row above its reconstructions', () => {
    const originals = new Float32Array([0.1, 0.2, 0.3]); // three 1×1 images
    const recons = new Float32Array([0.6, 0.7, 0.8]);
    const img = decodePng(reconstructionGrid(originals, recons, { cols: 2, h: 1, w: 1, scale: 1, pad: 1 }));
    expect([img.width, img.height]).toEqual([5, 9]); // 2 columns, 4 rows (2 batches × 2)
    const cell = (row: number, col: number) => img.at(1 + 2 * col, 1 + 2 * row)[0];
    const grey = (v: Float32Array, i: number) => Math.round(255 * v[i]!); // e.g. f32(0.7)·255 → 178
    expect([cell(0, 0), cell(0, 1)]).toEqual([grey(originals, 0), grey(originals, 1)]);
    expect([cell(1, 0), cell(1, 1)]).toEqual([grey(recons, 0), grey(recons, 1)]);
    expect([cell(2, 0), cell(3, 0)]).toEqual([grey(originals, 2), grey(recons, 2)]);
    expect([cell(2, 1), cell(3, 1)]).toEqual([PAD, PAD]); // short last batch: empty cells
  });

  it('rejects mismatched inputs', () => {
    expect(() => reconstructionGrid(new Float32Array(4), new Float32Array(3), { cols: 2, h: 2, w: 2 })).toThrow(
      /4 original values but 3 reconstruction values/,
    );
    expect(() => reconstructionGrid(new Float32Array(6), new Float32Array(6), { cols: 2, h: 2, w: 2 })).toThrow(
      /positive multiple of h×w = 4/,
    );
  });
});
