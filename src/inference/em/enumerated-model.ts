/**
 * The exact E-step for discrete local latents: run the model's factors once with every
 * combination of latent values on lead axis 0 and the data rows on lead axis 1, which gives the
 * log joint log p(x_n, c | θ) as one [C, N] tensor. Then
 *
 *   log p(x_n | θ) = logsumexp_c log p(x_n, c | θ)          (the exact log-likelihood)
 *   r_cn = p(c | x_n, θ) = exp(log p(x_n, c | θ) − log p(x_n | θ))   (the responsibilities)
 *
 * Rows are processed in chunks so that the largest intermediate (C × rows × row size) stays
 * bounded; nothing loops over single rows.
 */
import * as tf from '@tensorflow/tfjs';
import { broadcastTo } from '../../distributions/index.js';
import type { Dataset } from '../../data/index.js';
import type { FactorNode, LatentNode, TypedExpr } from '../../graph/ir.js';
import { MAX_ENUMERATED_COMBINATIONS } from '../guides/draws.js';
import { ExecScope } from '../exec/exec-scope.js';
import { factorDistribution, factorLogProb, targetValue } from '../exec/factor.js';
import type { RowValue } from '../exec/row-value.js';
import type { ParamStore } from '../params/param-store.js';
import type { ModelParts } from '../trace.js';
import { paramLogPrior, paramPriors } from './param-prior.js';

export interface DiscreteLatent {
  readonly node: LatentNode;
  /** The number of values: K for `category(K)`, 2 for `binary`. */
  readonly size: number;
}

/**
 * A faster equivalent of a factor that depends on one latent: log p(x_n | latent = k) for every
 * row n and value k, [rows, K], from the rows of the factor's target [rows, ...]. `prepare` runs
 * once per pass over the data (inverse Cholesky factors, logarithms of the parameters), the
 * result once per chunk of rows.
 */
export interface FactorKernel {
  readonly latent: string;
  prepare(store: ParamStore): ComponentDensity;
}

/**
 * log p(x_n | c = k), [rows, K], at fixed parameters, from the factor's data target x [rows, D];
 * [1, K] when the factor scores the latent itself (no x). Holds the tensors `prepare` made until disposed.
 */
export interface ComponentDensity {
  logDensity(x: tf.Tensor2D | undefined): tf.Tensor2D;
  dispose(): void;
}

/** What one pass over the chunks shares. */
interface Pass {
  readonly store: ParamStore;
  readonly kernels: ReadonlyMap<string, { readonly latent: string; readonly density: ComponentDensity }>;
  readonly differentiable: boolean;
  /** Constrained parameter values, made once (absent in differentiated passes). */
  readonly params?: ReadonlyMap<string, RowValue>;
}

/** Largest number of floats one chunk's biggest intermediate may hold (64 MB of float32). */
const CHUNK_BUDGET = 1 << 24;

/** The model's latents when all are local finite discrete scalars, else why not. */
export function discreteLatents(parts: ModelParts): DiscreteLatent[] | string {
  if (parts.latents.length === 0) return 'the model has no latent variables';
  const out: DiscreteLatent[] = [];
  for (const node of parts.latents) {
    const size = node.type.kind === 'category' ? node.type.kindArgs[0] : node.type.kind === 'binary' ? 2 : undefined;
    if (size === undefined) return `latent '${node.name}' is ${node.type.kind}, not discrete with a finite support`;
    if (node.locality !== 'local') return `latent '${node.name}' is global (one value shared by all rows)`;
    if (node.type.shape.length !== 0) return `latent '${node.name}' is an array of ${node.type.shape.join('×')} discrete values, too many combinations to enumerate`;
    out.push({ node, size });
  }
  const combinations = out.reduce((a, l) => a * l.size, 1);
  if (combinations > MAX_ENUMERATED_COMBINATIONS) return `the latents have ${combinations} joint values, more than the ${MAX_ENUMERATED_COMBINATIONS} EM enumerates`;
  return out;
}

interface Chunk {
  readonly start: number;
  readonly size: number;
  /** Data columns as [1, rows, ...shape] float32. */
  readonly data: ReadonlyMap<string, tf.Tensor>;
}

export class EnumeratedModel {
  /** C, the number of joint latent values. */
  readonly combinations: number;
  readonly rows: number;
  private readonly chunks: Chunk[];
  /** Each latent's value at every combination, [C, 1] (first latent varies slowest). */
  private readonly values = new Map<string, tf.Tensor>();
  private readonly rowFactors: FactorNode[];
  private readonly priorFactors: FactorNode[];
  /** Parameters some expression indexes by a latent value. */
  private readonly gathered: ReadonlySet<string>;

  constructor(
    private readonly parts: ModelParts,
    readonly latents: readonly DiscreteLatent[],
    dataset: Dataset,
    /** Faster equivalents of some factors' log-densities, by factor id. */
    private readonly kernels: ReadonlyMap<string, FactorKernel> = new Map(),
  ) {
    this.combinations = latents.reduce((a, l) => a * l.size, 1);
    this.rows = dataset.n;
    let stride = this.combinations;
    for (const l of latents) {
      stride /= l.size;
      const s = stride;
      const v = Float32Array.from({ length: this.combinations }, (_, c) => Math.floor(c / s) % l.size);
      this.values.set(l.node.id, tf.tensor(v, [this.combinations, 1]));
    }
    const params = new Set(parts.params.map((p) => p.id));
    this.gathered = gatheredTargets(parts, params);
    this.priorFactors = paramPriors(parts);
    this.rowFactors = parts.factors.filter((f) => !this.priorFactors.includes(f));
    const work = Math.max(1, ...this.rowFactors.map((f) => f.targetShape.reduce((a, b) => a * b, 1) * (f.eventShape.at(-1) ?? 1)));
    const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BUDGET / (this.combinations * work)));
    this.chunks = [];
    for (let start = 0; start < dataset.n; start += rowsPerChunk) {
      const size = Math.min(rowsPerChunk, dataset.n - start);
      const data = new Map<string, tf.Tensor>();
      for (const d of parts.data) {
        const column = dataset.columns[d.name];
        if (!column) throw new Error(`internal: the data set has no column '${d.name}'`);
        const values = Float32Array.from(column.values.subarray(start * column.rowSize, (start + size) * column.rowSize));
        data.set(d.id, tf.tensor(values, [1, size, ...d.type.shape]));
      }
      this.chunks.push({ start, size, data });
    }
  }

  /** The value of latent `id` at every combination, [C]. */
  latentValues(id: string): tf.Tensor {
    return this.values.get(id)!.reshape([-1]);
  }

  /** p(latent = k | x_n) for one latent, [K, N], summing the joint responsibilities [C, N] over the others. */
  marginal(responsibilities: tf.Tensor2D, id: string): tf.Tensor2D {
    if (this.latents.length === 1) return responsibilities.clone();
    const j = this.latents.findIndex((l) => l.node.id === id);
    return tf.tidy(() => {
      const joint = responsibilities.reshape([...this.latents.map((l) => l.size), this.rows]);
      const others = this.latents.map((_, i) => i).filter((i) => i !== j);
      return joint.sum(others) as tf.Tensor2D;
    });
  }

  /**
   * Run `f` over the data with what does not change between chunks made once: every factor
   * kernel prepared and, unless the pass is differentiated (then the values must be computed on
   * the gradient tape), every parameter's constrained value.
   */
  private pass<T>(store: ParamStore, differentiable: boolean, f: (pass: Pass) => T): T {
    const kernels = new Map([...this.kernels].map(([id, k]) => [id, { latent: k.latent, density: k.prepare(store) }]));
    const params = differentiable ? undefined : new Map(this.parts.params.map((p) => [p.id, tf.tidy(() => ({ ...store.globalValue(p.id, 2) })) as RowValue]));
    try {
      return f({ store, kernels, differentiable, params });
    } finally {
      for (const { density } of kernels.values()) density.dispose();
      if (params) tf.dispose([...params.values()].map((v) => v.t));
    }
  }

  /**
   * log p(x_n, c | θ) for one chunk, [rows, C]: rows first, so that the reductions over c run
   * along the last axis, where the WASM backend reduces without transposing.
   */
  private logJoint(chunk: Chunk, pass: Pass): tf.Tensor2D {
    const scope = this.scope(pass.store, pass.differentiable, pass.params);
    for (const [id, t] of chunk.data) scope.bind(id, { t, rowRank: t.rank - 2 });
    const kernelTerms: tf.Tensor[] = [];
    const genericTerms: tf.Tensor[] = [];
    for (const f of this.rowFactors) {
      const kernel = pass.kernels.get(f.id);
      if (kernel) {
        const x = chunk.data.get(f.targets[0]!);
        const perValue = kernel.density.logDensity(x?.reshape([chunk.size, -1]) as tf.Tensor2D | undefined);
        // [rows, K] → [rows, C]: column c takes the latent's value at combination c.
        kernelTerms.push(this.latents.length === 1 ? perValue : tf.gather(perValue, this.latentValues(kernel.latent).toInt(), 1));
      } else {
        genericTerms.push(factorLogProb(f, factorDistribution(f, scope), targetValue(f, scope)));
      }
    }
    // Broadcasting adds throughout (see `broadcastTo`): the WASM backend's Tile is a slow generic loop.
    const terms = [...kernelTerms];
    if (genericTerms.length > 0) {
      // The interpreter's lead axes are [C, rows]; a term may lack either (size 1) or both.
      const generic = genericTerms.reduce((x, y) => tf.add(x, y));
      terms.push((generic.rank === 2 ? generic : generic.reshape([1, -1])).transpose());
    }
    const sum = terms.reduce((x, y) => tf.add(x, y));
    const shape: [number, number] = [chunk.size, this.combinations];
    return broadcastTo(sum, shape) as tf.Tensor2D;
  }

  /** log p(θ), the parameters' priors (0 when none has one). */
  logPrior(store: ParamStore): tf.Scalar {
    return tf.tidy(() => paramLogPrior(this.priorFactors, this.scope(store)));
  }

  get hasPrior(): boolean {
    return this.priorFactors.length > 0;
  }

  /**
   * The execution scope. With `differentiable`, parameters indexed by a latent (`mu[c]`) are bound
   * with their values repeated along the combination axis, so the interpreter selects by a one-hot
   * contraction instead of a gather: the gradient of gather needs UnsortedSegmentSum, which the
   * WASM backend does not register.
   */
  private scope(store: ParamStore, differentiable = false, values?: ReadonlyMap<string, RowValue>): ExecScope {
    const scope = new ExecScope(2, this.parts.lets, (id) => store.net(id));
    for (const p of this.parts.params) {
      const v = values?.get(p.id) ?? store.globalValue(p.id, 2);
      const repeat = differentiable && this.gathered.has(p.id);
      scope.bind(p.id, repeat ? { t: broadcastTo(v.t, [this.combinations, ...v.t.shape.slice(1)]), rowRank: v.rowRank } : v);
    }
    for (const [id, t] of this.values) scope.bind(id, { t, rowRank: 0 });
    return scope;
  }

  /**
   * The E-step: responsibilities r [C, N] (the caller disposes them) and Σ_n log p(x_n | θ),
   * summed in float64.
   */
  eStep(store: ParamStore): { responsibilities: tf.Tensor2D; logLik: number } {
    let logLik = 0;
    const parts: tf.Tensor[] = [];
    this.pass(store, false, (pass) => {
      for (const chunk of this.chunks) {
        const [r, total] = tf.tidy(() => {
          // One exp pass for both the log-sum-exp and the responsibilities (exp is WASM's costliest
          // elementwise kernel): e = exp(joint − max), log p(x) = max + log Σ e, r = e / Σ e.
          const joint = this.logJoint(chunk, pass);
          const max = joint.max(1, true);
          const e = tf.exp(joint.sub(max));
          const s = e.sum(1, true);
          return [e.div(s), tf.log(s).add(max).sum()];
        });
        logLik += total.dataSync()[0]!;
        total.dispose();
        parts.push(r);
      }
    });
    const responsibilities = tf.tidy(() => (parts.length === 1 ? parts[0]! : tf.concat(parts, 0)).transpose() as tf.Tensor2D);
    tf.dispose(parts);
    return { responsibilities, logLik };
  }

  /**
   * Q(θ) = Σ_n Σ_c r_cn log p(x_n, c | θ) + log p(θ) and its gradients with respect to
   * `variables`, accumulated over chunks (r held fixed). The caller disposes the gradients.
   */
  expectedLogJoint(store: ParamStore, responsibilities: tf.Tensor2D, variables: tf.Variable[]): { value: number; grads: tf.NamedTensorMap } {
    let value = 0;
    const grads: tf.NamedTensorMap = {};
    const add = (f: () => tf.Scalar) => {
      const { value: v, grads: g } = tf.variableGrads(f, variables);
      value += v.dataSync()[0]!;
      v.dispose();
      // Terms may reach different variables (the prior only its own): accumulate by name.
      for (const [name, t] of Object.entries(g)) {
        const previous = grads[name];
        if (previous === undefined) {
          grads[name] = t;
        } else {
          grads[name] = tf.add(previous, t);
          tf.dispose([previous, t]);
        }
      }
    };
    this.pass(store, true, (pass) => {
      for (const chunk of this.chunks) {
        const r = tf.tidy(() => responsibilities.slice([0, chunk.start], [-1, chunk.size]).transpose());
        add(() => this.logJoint(chunk, pass).mul(r).sum() as tf.Scalar);
        r.dispose();
      }
    });
    if (this.hasPrior) add(() => this.logPrior(store));
    return { value, grads };
  }

  /** Q(θ) alone (no gradients). */
  expectedLogJointValue(store: ParamStore, responsibilities: tf.Tensor2D): number {
    let value = 0;
    this.pass(store, false, (pass) => {
      for (const chunk of this.chunks) {
        const t = tf.tidy(() => this.logJoint(chunk, pass).mul(responsibilities.slice([0, chunk.start], [-1, chunk.size]).transpose()).sum());
        value += t.dataSync()[0]!;
        t.dispose();
      }
    });
    const prior = this.logPrior(store);
    value += prior.dataSync()[0]!;
    prior.dispose();
    return value;
  }

  dispose(): void {
    for (const t of this.values.values()) t.dispose();
    for (const c of this.chunks) for (const t of c.data.values()) t.dispose();
  }
}

/** Ids of parameters that appear as `p[…]` with a gathered (varying) index anywhere in the model. */
function gatheredTargets(parts: ModelParts, params: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const visit = (e: TypedExpr): void => {
    switch (e.op) {
      case 'index':
        if (e.target.op === 'ref' && params.has(e.target.id) && e.items.some((i) => i.kind === 'gather')) out.add(e.target.id);
        visit(e.target);
        for (const i of e.items) if (i.kind === 'gather') visit(i.index);
        return;
      case 'neg':
      case 'elementwise':
        return visit(e.arg);
      case 'binary':
        visit(e.left);
        return visit(e.right);
      case 'axis':
        return e.args.forEach(visit);
      case 'net':
        return visit(e.input);
      case 'vector':
        return e.elements.forEach(visit);
      default:
        return;
    }
  };
  for (const f of parts.factors) Object.values(f.args).forEach(visit);
  for (const l of parts.lets.values()) visit(l.expr);
  return out;
}
