/**
 * The exact E-step for linear-Gaussian local latents (probabilistic PCA, factor analysis):
 *
 *   z ~ N(m₀, diag s₀²),   x | z ~ N(A z + b, diag ψ),
 *
 * with A, b, ψ read off the graph by evaluating the observation's mean at z = 0 and z = e_k
 * (one batched run of the interpreter). Affinity is checked on the expression's form when the
 * model is analysed, and again numerically at a further point on every E-step. Then
 *
 *   p(z | x) = N(m₀ + G (x − b − A m₀), P⁻¹),  P = diag(1/s₀²) + Aᵀ diag(1/ψ) A,  G = P⁻¹ Aᵀ diag(1/ψ),
 *   x ~ N(c, C),  c = b + A m₀,  C = diag ψ + A diag(s₀²) Aᵀ,
 *
 * and the log-likelihood uses only the data's mean x̄ and covariance S:
 *   ℓ / N = −½ [D log 2π + log|C| + tr(C⁻¹ (S + (x̄ − c)(x̄ − c)ᵀ))],
 * with log|C| = Σ log ψ + Σ log s₀² + log|P| and C⁻¹ = Ψ⁻¹ − Ψ⁻¹ A P⁻¹ Aᵀ Ψ⁻¹ (K×K work only).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/index.js';
import type { DataNode, FactorNode, LatentNode, LetNode, TypedExpr } from '../../graph/ir.js';
import { directRefs } from '../../graph/index.js';
import { ExecScope } from '../exec/exec-scope.js';
import { factorArguments } from '../exec/factor.js';
import type { ParamStore } from '../params/param-store.js';
import type { ModelParts } from '../trace.js';
import { add, cholesky, cholSolve, diagonal, identity, logDetFromCholesky, mat, matMul, trace, transpose, type Mat } from './dense.js';
import { EmError } from './types.js';

export interface LinearGaussianStructure {
  readonly latent: LatentNode;
  readonly prior: FactorNode;
  readonly observed: FactorNode;
  readonly data: DataNode;
  /** Latent and observed sizes. */
  readonly k: number;
  readonly d: number;
}

/** The model's one latent when it is linear-Gaussian in the sense above, else why not. */
export function linearGaussianStructure(parts: ModelParts): LinearGaussianStructure | string {
  if (parts.latents.length !== 1) return `linear-Gaussian EM handles one latent vector; the model has ${parts.latents.length} latents`;
  const latent = parts.latents[0]!;
  if (latent.locality !== 'local' || latent.type.kind !== 'real' || latent.type.shape.length > 1) return `latent '${latent.name}' is not a local real vector`;
  const prior = parts.factors.find((f) => f.id === latent.priorFactor)!;
  if (prior.family !== 'Normal' || prior.dependsOn.length > 0) return `the prior of '${latent.name}' is not a Normal with fixed arguments`;
  const params = new Set(parts.params.map((p) => p.id));
  const others = parts.factors.filter((f) => f !== prior && !params.has(f.targets[0]!));
  if (others.length !== 1) return `linear-Gaussian EM needs exactly one observed factor; the model has ${others.length}`;
  const observed = others[0]!;
  const data = parts.data.find((d) => d.id === observed.targets[0]);
  if (!data || observed.targets.length !== 1 || data.type.kind !== 'real' || data.type.shape.length > 1) return 'the observed variable is not a real vector';
  if (observed.family !== 'Normal') return `the observation of '${data.name}' is ${observed.family}, not Normal`;
  const lets = parts.lets;
  const reads = (e: TypedExpr | undefined, id: string) => e !== undefined && readsThrough(e, id, lets);
  if (reads(observed.args.scale, latent.id)) return `the noise scale of '${data.name}' depends on '${latent.name}'`;
  if (!affineIn(observed.args.loc!, latent.id, lets)) return `the mean of '${data.name}' is not affine in '${latent.name}'`;
  for (const d of parts.data) {
    if (reads(observed.args.loc, d.id) || reads(observed.args.scale, d.id)) return `the mean or scale of '${data.name}' reads the data '${d.name}' (per-row regressions are not supported)`;
  }
  if (parts.params.some((p) => p.locality === 'local')) return 'the model has per-row parameters';
  return { latent, prior, observed, data, k: latent.type.shape[0] ?? 1, d: data.type.shape[0] ?? 1 };
}

/**
 * Whether `expr` is affine in `z`, read from its form: z reaches it only through sums,
 * differences, negation, products and matrix products with z-free factors, division by z-free
 * divisors, indexing, stacking, sums and transposes.
 */
function affineIn(expr: TypedExpr, z: string, lets: ReadonlyMap<string, LetNode>): boolean {
  const free = (e: TypedExpr) => !readsThrough(e, z, lets);
  const affine = (e: TypedExpr): boolean => {
    if (free(e)) return true;
    switch (e.op) {
      case 'ref':
        return e.id === z || affine(lets.get(e.id)!.expr);
      case 'neg':
        return affine(e.arg);
      case 'binary':
        if (e.fn === 'add' || e.fn === 'sub') return affine(e.left) && affine(e.right);
        if (e.fn === 'mul' || e.fn === 'matmul') return (free(e.left) && affine(e.right)) || (affine(e.left) && free(e.right));
        if (e.fn === 'div') return affine(e.left) && free(e.right);
        return false;
      case 'index':
        return affine(e.target) && e.items.every((i) => i.kind !== 'gather' || free(i.index));
      case 'vector':
        return e.elements.every(affine);
      case 'axis':
        if (e.fn === 'sum' || e.fn === 'transpose') return affine(e.args[0]!);
        if (e.fn === 'dot') return (free(e.args[0]!) && affine(e.args[1]!)) || (affine(e.args[0]!) && free(e.args[1]!));
        return false;
      default:
        return false;
    }
  };
  return affine(expr);
}

function readsThrough(expr: TypedExpr, id: string, lets: ReadonlyMap<string, LetNode>): boolean {
  return directRefs(expr).some((r) => r === id || (lets.has(r) && readsThrough(lets.get(r)!.expr, id, lets)));
}

/** The linear-Gaussian model at the current θ, in float64. */
export interface LinearGaussianModel {
  /** Loadings [D, K]. */
  readonly a: Mat;
  readonly b: Float64Array;
  /** Noise variances ψ_d. */
  readonly psi: Float64Array;
  readonly m0: Float64Array;
  /** Prior variances s₀². */
  readonly s0: Float64Array;
}

/**
 * Read A, b, ψ, m₀, s₀² off the graph: run the factors' arguments with z on lead axis 0 set to
 * 0, e_1..e_K and one more point, which must satisfy f(z) = b + A z (else the mean is not affine).
 */
export function readModel(parts: ModelParts, s: LinearGaussianStructure, store: ParamStore): LinearGaussianModel {
  const { k, d } = s;
  const probe = Array.from({ length: k }, (_, i) => ((i * 0.618034 + 0.3) % 1) * 4 - 2);
  const points = new Float32Array((k + 2) * k);
  for (let i = 0; i < k; i++) points[(i + 1) * k + i] = 1;
  points.set(probe, (k + 1) * k);
  const [loc, scale, priorLoc, priorScale] = tf.tidy(() => {
    const scope = new ExecScope(2, parts.lets, (id) => store.net(id));
    for (const p of parts.params) scope.bind(p.id, store.globalValue(p.id, 2));
    const shape = s.latent.type.shape.length === 0 ? [k + 2, 1] : [k + 2, 1, k];
    scope.bind(s.latent.id, { t: tf.tensor(points, shape), rowRank: s.latent.type.shape.length });
    const obs = factorArguments(s.observed, scope);
    const prior = factorArguments(s.prior, scope);
    return [
      obs.loc!.broadcastTo([k + 2, 1, d]).reshape([k + 2, d]),
      obs.scale!.reshape([-1]).broadcastTo([d]),
      prior.loc!.reshape([-1]).broadcastTo([k]),
      prior.scale!.reshape([-1]).broadcastTo([k]),
    ];
  });
  const f = Float64Array.from(loc.dataSync());
  const psi = Float64Array.from(scale.dataSync(), (x) => x * x);
  const m0 = Float64Array.from(priorLoc.dataSync());
  const s0 = Float64Array.from(priorScale.dataSync(), (x) => x * x);
  tf.dispose([loc, scale, priorLoc, priorScale]);
  const b = f.slice(0, d);
  const a = mat(d, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < d; j++) a.v[j * k + i] = f[(i + 1) * d + j]! - b[j]!;
  let worst = 0;
  let size = 0;
  for (let j = 0; j < d; j++) {
    let predicted = b[j]!;
    for (let i = 0; i < k; i++) predicted += a.v[j * k + i]! * probe[i]!;
    const actual = f[(k + 1) * d + j]!;
    worst = Math.max(worst, Math.abs(actual - predicted));
    size = Math.max(size, Math.abs(actual));
  }
  if (worst > 1e-4 * (1 + size)) {
    throw new EmError(`EM: the mean of '${s.data.name}' is not affine in '${s.latent.name}' (off by ${worst.toPrecision(3)} at a test point), so the Gaussian E-step does not apply`);
  }
  return { a, b, psi, m0, s0 };
}

/** The data's mean x̄ and covariance S = (1/N) Σ (x − x̄)(x − x̄)ᵀ, in float64. */
export interface DataMoments {
  readonly n: number;
  readonly mean: Float64Array;
  readonly cov: Mat;
}

export function dataMoments(dataset: Dataset, node: DataNode, d: number): DataMoments {
  const values = dataset.columns[node.name]!.values;
  const n = dataset.n;
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += values[r * d + j]! / n;
  const cov = mat(d, d);
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) row[j] = values[r * d + j]! - mean[j]!;
    for (let i = 0; i < d; i++) {
      const ri = row[i]! / n;
      if (ri === 0) continue;
      for (let j = 0; j <= i; j++) cov.v[i * d + j] += ri * row[j]!;
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) cov.v[j * d + i] = cov.v[i * d + j]!;
  return { n, mean, cov };
}

/** The posterior over z given x, shared by every row except through x. */
export interface GaussianPosterior {
  /** Cholesky factor of the posterior precision P. */
  readonly precisionChol: Mat;
  /** Posterior covariance P⁻¹ [K, K]. */
  readonly cov: Mat;
  /** G = P⁻¹ Aᵀ Ψ⁻¹ [K, D]: E[z | x] = m₀ + G (x − c). */
  readonly gain: Mat;
  /** c = b + A m₀, the marginal mean of x. */
  readonly center: Float64Array;
}

export function posterior(m: LinearGaussianModel): GaussianPosterior {
  const k = m.a.cols;
  const aTpsiInv = psiInvRight(transpose(m.a), m.psi); // Aᵀ Ψ⁻¹ [K, D]
  const precision = add(matMul(aTpsiInv, m.a), diagonal(Float64Array.from(m.s0, (s) => 1 / s)));
  const precisionChol = cholesky(precision, 'the posterior precision of the latent');
  const cov = cholSolve(precisionChol, identity(k));
  const gain = cholSolve(precisionChol, aTpsiInv);
  const am0 = matMul(m.a, mat(k, 1, m.m0));
  return { precisionChol, cov, gain, center: Float64Array.from(m.b, (x, j) => x + am0.v[j]!) };
}

/** Σ_n log p(x_n | θ) / N (see the file comment). */
export function logLikelihoodPerPoint(m: LinearGaussianModel, post: GaussianPosterior, data: DataMoments): number {
  const d = m.a.rows;
  const delta = mat(d, 1, Float64Array.from(data.mean, (x, j) => x - post.center[j]!));
  const second = add(data.cov, matMul(delta, transpose(delta))); // (1/N) Σ (x − c)(x − c)ᵀ
  // tr(C⁻¹ M) = tr(Ψ⁻¹ M) − tr(P⁻¹ Aᵀ Ψ⁻¹ M Ψ⁻¹ A)
  let first = 0;
  for (let j = 0; j < d; j++) first += second.v[j * d + j]! / m.psi[j]!;
  const aTpsiInv = psiInvRight(transpose(m.a), m.psi);
  const inner = matMul(matMul(aTpsiInv, second), transpose(aTpsiInv));
  const quadratic = first - trace(matMul(post.cov, inner));
  let logDet = logDetFromCholesky(post.precisionChol);
  for (const p of m.psi) logDet += Math.log(p);
  for (const s of m.s0) logDet += Math.log(s);
  return -0.5 * (d * Math.log(2 * Math.PI) + logDet + quadratic);
}

/** B Ψ⁻¹: divide column j by ψ_j. */
function psiInvRight(b: Mat, psi: Float64Array): Mat {
  return mat(b.rows, b.cols, b.v.map((x, i) => x / psi[i % b.cols]!));
}
