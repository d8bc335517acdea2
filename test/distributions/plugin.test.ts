/**
 * The extension API end to end: a plugin module (./plugins/kumaraswamy.ts, written only against the
 * public API) is installed like the CLI's `--plugin` does, after which the family is registered for
 * the checker and passes the same generic conformance checks as the built-ins.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  DistributionError,
  familyNames,
  getFamily,
  installPlugin,
  klDivergence,
  Rng,
  Uniform,
  type FamilySpec,
} from '../../src/distributions/index.js';
import {
  build,
  checkDeclaredMoments,
  checkEntropyByMonteCarlo,
  checkLogProb,
  checkNoLeaks,
  checkRsampleGradients,
  checkSampleMoments,
  checkShapesAndSeeding,
  checkSupportTransform,
  integrateDensity,
  monteCarlo,
} from './conformance.js';
import * as plugin from './plugins/kumaraswamy.js';
import { referenceRow } from './table.js';

const row = referenceRow('kumaraswamy');
let spec: FamilySpec;
const make = () => build(spec, row.params);

beforeAll(() => {
  expect(installPlugin(plugin, 'plugins/kumaraswamy.ts')).toEqual(['Kumaraswamy']);
  spec = getFamily('Kumaraswamy')!;
});

describe('the installed family is visible to the checker', () => {
  test('registered by name with its parameters, support and capabilities', () => {
    expect(familyNames()).toContain('Kumaraswamy');
    expect(spec.params.map((p) => `${p.name}: ${p.constraint}`)).toEqual(['a: GreaterThan(0)', 'b: GreaterThan(0)']);
    expect(String(spec.support({ eventShapes: {}, constants: {} }))).toBe('Interval(0, 1)');
    expect(spec.hasRsample).toBe(true);
  });

  test('its arguments are validated like a built-in', () => {
    expect(() =>
      tf.tidy(() => {
        spec.create({ a: tf.tensor1d([1, -2]), b: tf.scalar(1) });
      }),
    ).toThrow(
      "Kumaraswamy: parameter 'a' (shape [2]) must satisfy GreaterThan(0), but found -2 at index [1]",
    );
  });

  test('installing it twice is an error, and so is a module that is not a plugin', () => {
    expect(() => installPlugin(plugin, 'again.js')).toThrow(
      "again.js: registerFamily(Kumaraswamy): a family named 'Kumaraswamy' is already registered",
    );
    const broken = { register: () => { throw new TypeError('oops'); } };
    expect(() => installPlugin(broken, 'broken.js')).toThrow('broken.js: oops');
    expect(() => installPlugin({} as never, 'empty.js')).toThrow(DistributionError);
    expect(() => installPlugin({} as never, 'empty.js')).toThrow("empty.js: a plugin must export a function 'register(api)'");
  });
});

describe('generic conformance checks', () => {
  test('logProb matches the reference closed form', () => tf.tidy(() => checkLogProb(make(), row)));
  test('mean, variance, entropy match references (entropy by quadrature)', () => tf.tidy(() => checkDeclaredMoments(make(), row)));
  test('integrates to 1', () => {
    for (const [a, b] of [[2, 5], [0.7, 1.5]]) {
      const total = tf.tidy(() => integrateDensity(() => build(spec, { a: a!, b: b! }), new Rng(1)))[0]!;
      // Same bound as the built-ins: the density is bounded near x = 1 (b > 1), so no mass is unreachable.
      expect(Math.abs(total - 1)).toBeLessThan(2e-6);
    }
  });
  test('sample moments', () => tf.tidy(() => checkSampleMoments(make(), new Rng(2), 10000, 'Kumaraswamy')));
  test('entropy by Monte Carlo', () => tf.tidy(() => checkEntropyByMonteCarlo(make(), new Rng(3), 10000, 'Kumaraswamy')));
  test('pathwise gradients', () => checkRsampleGradients(spec, row.params, new Rng(4), 2000, 'Kumaraswamy'));
  test('shapes and seeding', () => tf.tidy(() => checkShapesAndSeeding(make(), 'Kumaraswamy')));
  test('support transform', () => tf.tidy(() => checkSupportTransform(make(), new Rng(5), 'Kumaraswamy')));
  test('no leaked tensors', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => checkNoLeaks(make(), tf.tensor(row.x as number[]), new Rng(6), 'Kumaraswamy'));
    expect(tf.memory().numTensors).toBe(before);
  });
});

test('the plugin KL pair matches Monte Carlo', () => {
  tf.tidy(() => {
    const p = make();
    const q = new Uniform(-1, 2);
    const n = 10000;
    const x = p.sample(new Rng(7), [n]);
    const { mc, se } = monteCarlo(tf.sub(p.logProb(x), q.logProb(x)).dataSync(), n);
    klDivergence(p, q).dataSync().forEach((k, i) => expect(Math.abs(k - mc[i]!)).toBeLessThanOrEqual(5 * se[i]! + 1e-6 * (1 + Math.abs(k))));
  });
});
