/**
 * sin(πr) and cos(πr) on the reduced range |r| ≤ ½, for the reflection formulas.
 */
import * as tf from '@tensorflow/tfjs';
import { horner } from './horner.js';

// sin(πr) = r · Σₖ (−1)ᵏ π²ᵏ⁺¹ r²ᵏ / (2k + 1)!, k = 0…7; the first omitted term is < 1e-11 at |r| = ½.
// A polynomial (rather than tf.sin) keeps full relative accuracy as r → 0 on every backend: the WASM
// backend's sin has an absolute, not relative, error of about 1e-7.
const SIN_PI = Array.from({ length: 8 }, (_, k) => {
  let term = Math.PI;
  for (let j = 1; j <= 2 * k; j++) term *= Math.PI / (j + 1);
  return (k % 2 === 0 ? 1 : -1) * term;
});

/** sin(πr) for |r| ≤ ½, relative error ~1 ulp (r is usually x − round(x), which is exact). */
export function sinPi(r: tf.Tensor): tf.Tensor {
  return tf.tidy(() => r.mul(horner(SIN_PI, r.square())));
}

/**
 * [sin(πr), cos(πr)] for |r| ≤ ½ from one stacked polynomial evaluation, with cos(πr) = sin(π(½ − |r|));
 * ½ − |r| is exact where cos is small (|r| ≥ ¼).
 */
export function sinCosPi(r: tf.Tensor): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const [sin, cos] = tf.unstack(sinPi(tf.stack([r, tf.scalar(0.5).sub(tf.abs(r))])));
    return [sin!, cos!];
  });
}
