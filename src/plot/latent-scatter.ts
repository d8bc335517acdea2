/**
 * The latent space picture: one point per data row at its latent code (e.g. the guide's mean),
 * coloured by label when labels are given. Two-dimensional codes are drawn as they are; higher
 * dimensions are projected on their first two principal components, and the axis titles say how
 * much of the variance each component carries.
 */
import { requireInteger, requireLength } from './check-input.js';
import { principalComponents } from './pca.js';
import { scatter2d, type Labels } from './scatter.js';

export interface LatentScatterOptions {
  readonly title?: string;
  /** Name of the latent variable for axis titles. Default 'z'. */
  readonly latentName?: string;
  /** Legend title. Default 'label'. */
  readonly labelName?: string;
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const subscript = (i: number) => [...String(i)].map((c) => SUBSCRIPT_DIGITS[Number(c)]).join('');

/** Scatter of latent codes `latents` (row-major n×dim). */
export async function latentScatter(
  latents: ArrayLike<number>,
  n: number,
  dim: number,
  labels?: Labels,
  opts: LatentScatterOptions = {},
): Promise<{ svg: string }> {
  requireInteger('latentScatter n', n, 1);
  requireInteger('latentScatter dim', dim, 1);
  requireLength('latentScatter latents (n×dim)', latents, n * dim);
  const z = opts.latentName ?? 'z';
  const base = { labelName: opts.labelName };

  if (dim <= 2) {
    // A 1-D code is spread out vertically by row number so overlapping points stay visible.
    const points = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      points[2 * i] = latents[i * dim]!;
      points[2 * i + 1] = dim === 2 ? latents[i * dim + 1]! : i;
    }
    return scatter2d(points, labels, {
      ...base,
      title: opts.title ?? `Latent space (${z}, ${dim}-D)`,
      xLabel: `${z}${subscript(1)}`,
      yLabel: dim === 2 ? `${z}${subscript(2)}` : 'data row',
    });
  }
  const pca = await principalComponents(latents, n, dim, 2);
  const pct = (r: number) => `${(100 * r).toFixed(1)}% of variance`;
  return scatter2d(pca.scores, labels, {
    ...base,
    title: opts.title ?? `Latent space (${z}, ${dim}-D): first two principal components`,
    xLabel: `PC 1 (${pct(pca.varianceRatio[0]!)})`,
    yLabel: `PC 2 (${pct(pca.varianceRatio[1]!)})`,
  });
}
