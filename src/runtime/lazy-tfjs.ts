/**
 * tfjs, loaded on first use, for the modules the compiler shares with the engine (constraints, the
 * Rng): only their tensor methods need tfjs, and `vmodel check` should not pay ≈0.3 s to load it.
 *
 * '@tensorflow/tfjs' is a CommonJS package, and Node loads a CommonJS package imported from ESM
 * through the same module cache as `require`, so this is the very instance that
 * `import * as tf from '@tensorflow/tfjs'` gives everywhere else: one engine, one backend.
 *
 *   const tf = tfjs();
 *   return tf.tidy(() => tf.logicalAnd(tf.greater(x, 0), tf.less(x, 1)));
 */
import { createRequire } from 'node:module';
import type * as Tfjs from '@tensorflow/tfjs';

let loaded: typeof Tfjs | undefined;

export function tfjs(): typeof Tfjs {
  loaded ??= createRequire(import.meta.url)('@tensorflow/tfjs') as typeof Tfjs;
  return loaded;
}
