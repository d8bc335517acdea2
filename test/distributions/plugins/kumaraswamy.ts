/**
 * A complete plugin, written only against the public distributions API: the Kumaraswamy family on
 * (0, 1), a Beta look-alike with a closed-form inverse CDF (so it is reparameterizable).
 *
 *   log p(x) = log a + log b + (a − 1) log x + (b − 1) log(1 − xᵃ)
 *   x = (1 − (1 − u)^{1/b})^{1/a},  u ~ U(0, 1)
 *   mean = b B(1 + 1/a, b), E[x²] = b B(1 + 2/a, b)
 *   entropy = (1 − 1/b) + (1 − 1/a) H_b − log(ab),  H_b = ψ(b + 1) + γ
 *
 * It also registers KL(Kumaraswamy ‖ Uniform(l, h)) = log(h − l) − H[p] for (0, 1) ⊆ [l, h].
 * docs/extending.md walks through this file.
 */
import type { Tensor } from '@tensorflow/tfjs';
import type { DistributionsApi, FamilySpec, Rng, TensorLike } from '../../../src/distributions/index.js';

const EULER_GAMMA = 0.5772156649015329;

export function register(api: DistributionsApi): void {
  const { constraints, special, tf } = api;
  const params = [
    { name: 'a', constraint: constraints.positive, eventRank: 0 },
    { name: 'b', constraint: constraints.positive, eventRank: 0 },
  ];

  class Kumaraswamy extends api.Distribution {
    readonly a: Tensor;
    readonly b: Tensor;

    constructor(a: TensorLike, b: TensorLike, options: { validateArgs?: boolean } = {}) {
      const p = { a: api.toFloat(a), b: api.toFloat(b) };
      super('Kumaraswamy', p, params, [], options);
      this.a = p.a;
      this.b = p.b;
    }

    get support() {
      return constraints.unitInterval;
    }

    override get hasRsample() {
      return true;
    }

    protected logProbUnchecked(x: Tensor): Tensor {
      return tf.tidy(() => {
        const logX = tf.log(x);
        // log(1 − xᵃ) = log1mExp(a log x), accurate when xᵃ is close to 0 or 1.
        const tail = tf.mul(tf.sub(this.b, 1), special.log1mExp(tf.mul(this.a, logX)));
        return tf.add(tf.add(tf.log(tf.mul(this.a, this.b)), tf.mul(tf.sub(this.a, 1), logX)), tail);
      });
    }

    override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
      return tf.tidy(() => {
        const u = rng.uniform([...sampleShape, ...this.batchShape]);
        // log(1 − (1 − u)^{1/b}) = log1mExp(log1p(−u)/b); then x = exp(that / a).
        const inner = special.log1mExp(tf.div(tf.log1p(tf.neg(u)), this.b));
        return tf.clipByValue(tf.exp(tf.div(inner, this.a)), api.FLOAT32_TINY, api.FLOAT32_BELOW_ONE);
      });
    }

    /** E[xⁿ] = b B(1 + n/a, b). */
    private moment(n: number): Tensor {
      return tf.mul(this.b, tf.exp(special.logBeta(tf.add(1, tf.div(n, this.a)), this.b)));
    }

    override get mean(): Tensor {
      return tf.tidy(() => tf.broadcastTo(this.moment(1), this.batchShape));
    }

    override get variance(): Tensor {
      return tf.tidy(() => tf.broadcastTo(tf.sub(this.moment(2), tf.square(this.moment(1))), this.batchShape));
    }

    override entropy(): Tensor {
      return tf.tidy(() => {
        const harmonic = tf.add(special.digamma(tf.add(this.b, 1)), EULER_GAMMA);
        const h = tf.sub(
          tf.add(tf.sub(1, tf.reciprocal(this.b)), tf.mul(tf.sub(1, tf.reciprocal(this.a)), harmonic)),
          tf.log(tf.mul(this.a, this.b)),
        );
        return tf.broadcastTo(h, this.batchShape);
      });
    }

    protected override withParams(p: Record<string, Tensor>) {
      return new Kumaraswamy(p.a!, p.b!, { validateArgs: this.validate });
    }
  }

  const spec: FamilySpec = {
    name: 'Kumaraswamy',
    params,
    support: () => constraints.unitInterval,
    eventShape: () => [],
    discrete: false,
    hasRsample: true,
    create: (p) => new Kumaraswamy(p.a!, p.b!),
    summary: 'Kumaraswamy(a, b): a Beta-like family on (0, 1) with a closed-form inverse CDF',
  };
  api.registerFamily(spec);

  api.registerKL(Kumaraswamy, api.Uniform, (p, q) =>
    tf.tidy(() => {
      const inside = tf.logicalAnd(tf.lessEqual(q.low, 0), tf.greaterEqual(q.high, 1));
      const kl = tf.sub(tf.log(tf.sub(q.high, q.low)), p.entropy());
      return tf.where(inside, kl, tf.fill(kl.shape, Infinity));
    }),
  );
}
