/**
 * One Monte Carlo evaluation of model and guide on a minibatch: the guide draws every latent, the
 * model scores data, latents and parameter priors, and the result is the per-site log-density
 * terms every objective is built from (`Terms`), vectorized over samples and rows.
 *
 * Enumerated discrete latents arrive folded into axis 0 (see guides/draws.ts); here they are
 * reduced: by their exact expectation under q (the ELBO family) or by log-sum-exp in the model
 * (marginal likelihoods: IWAE, EM, log p(x) estimates).
 */
import * as tf from '@tensorflow/tfjs';
import { broadcastTo, tryKLDivergence } from '../distributions/index.js';
import type { DataNode, FactorNode, GraphNode, LatentNode, LetNode, ModelGraph, ParamNode } from '../graph/ir.js';
import type { ColumnValues } from '../data/index.js';
import type { Rng } from '../runtime/rng.js';
import { ExecScope } from './exec/exec-scope.js';
import { atFactor, factorDistribution, factorLogProb, targetValue } from './exec/factor.js';
import type { Guide, GuideSite } from './guides/guide.js';
import type { ParamStore } from './params/param-store.js';
import type { SiteTerm, Terms } from './objectives/index.js';

/** The model's graph split by node kind, built once per fit. */
export interface ModelParts {
  readonly graph: ModelGraph;
  readonly data: readonly DataNode[];
  readonly params: readonly ParamNode[];
  readonly latents: readonly LatentNode[];
  readonly factors: readonly FactorNode[];
  readonly lets: ReadonlyMap<string, LetNode>;
  /** Every model node by id (the tracer looks up each factor's target on every step). */
  readonly byId: ReadonlyMap<string, GraphNode>;
}

export function modelParts(graph: ModelGraph): ModelParts {
  const nodes = graph.nodes;
  return {
    graph,
    data: nodes.filter((n): n is DataNode => n.kind === 'data'),
    params: nodes.filter((n): n is ParamNode => n.kind === 'param'),
    latents: nodes.filter((n): n is LatentNode => n.kind === 'latent'),
    factors: nodes.filter((n): n is FactorNode => n.kind === 'factor' && n.density === 'p'),
    lets: new Map(nodes.filter((n): n is LetNode => n.kind === 'let').map((n) => [n.id, n])),
    byId: new Map(nodes.map((n) => [n.id, n])),
  };
}

export interface BatchInput {
  /** Dataset rows in this batch. */
  readonly indices: Int32Array;
  readonly size: number;
  /** Each data column's rows, row-major. */
  readonly columns: Readonly<Record<string, ColumnValues>>;
}

export interface TraceOptions {
  readonly samples: number;
  readonly rng: Rng;
  /** N, the number of rows in the whole data set (local terms are scaled by N / B). */
  readonly dataSize: number;
  readonly enumeration: 'expect' | 'marginalize';
  /** Use closed-form KL(q ‖ p) for latent sites where it applies. */
  readonly analyticKL: boolean;
  /** Also draw local latents from the prior and flatten both draws (InfoVAE's MMD). */
  readonly aggregate?: boolean;
  /** The batch rows of a per-row parameter as a differentiable tensor [B, ...]. */
  readonly localRows: (id: string) => tf.Tensor;
  /** Score reparameterized guide draws with φ held fixed (see GuideInput.stickTheLanding). */
  readonly stickTheLanding?: boolean;
  /** Enumerate small discrete latents (default true). */
  readonly enumerate?: boolean;
}

export interface Trace {
  readonly terms: Terms;
  /** The guide's draws, by latent id (axis 0 = samples × enumerated combinations). */
  readonly draws: ReadonlyMap<string, GuideSite>;
}

/** A model scope with the batch's data ([1, B, ...]) and the model's parameters bound. */
export function batchScope(parts: ModelParts, store: ParamStore, batch: BatchInput, localRows: (id: string) => tf.Tensor): ExecScope {
  const scope = new ExecScope(2, parts.lets, (id) => store.net(id));
  for (const d of parts.data) {
    const values = batch.columns[d.name];
    if (!values) throw new Error(`internal: batch has no column '${d.name}'`);
    scope.bind(d.id, { t: tf.tensor(Float32Array.from(values), [1, batch.size, ...d.type.shape]), rowRank: d.type.shape.length });
  }
  for (const p of parts.params) scope.bind(p.id, store.paramValue(p, localRows));
  return scope;
}

export function trace(parts: ModelParts, guide: Guide, store: ParamStore, batch: BatchInput, options: TraceOptions): Trace {
  const b = batch.size;
  const s = options.samples;
  const scope = batchScope(parts, store, batch, options.localRows);
  const draws = guide.sample({ scope, samples: s, rng: options.rng, rows: b, store, localRows: options.localRows, stickTheLanding: options.stickTheLanding ?? false, enumerate: options.enumerate ?? true });
  for (const [id, site] of draws) scope.bind(id, site.value);
  const axis0 = Math.max(s, ...[...draws.values()].map((d) => d.logQ.shape[0]));
  const combos = axis0 / s;
  const enumerated = new Set([...draws.values()].filter((d) => d.estimator === 'enumerate').map((d) => d.latent));

  const raw: RawSite[] = [];
  for (const f of parts.factors) {
    const { dist, logP } = atFactor(parts.graph.source, f, () => {
      const d = factorDistribution(f, scope);
      return { dist: d, logP: factorLogProb(f, d, targetValue(f, scope)) };
    });
    const target = f.targets[0];
    const node = parts.byId.get(target);
    const touchesEnumerated = f.dependsOn.some((id) => enumerated.has(id)) || f.targets.some((id) => enumerated.has(id));
    if (node?.kind === 'latent') {
      const site = draws.get(target);
      if (!site) throw new Error(`internal: guide '${guide.name}' drew no value for latent '${target}'`);
      let kl: tf.Tensor | undefined;
      if (options.analyticKL && combos === 1 && site.estimator === 'pathwise' && site.dist && klIsValid(f, guide, target)) {
        const closed = tryKLDivergence(site.dist, dist);
        if (closed) kl = sumBatch(closed, f.batchShape.length);
      }
      const dependsOnEnumerated = touchesEnumerated || guide.ancestors(target).some((id) => enumerated.has(id));
      raw.push({ id: target, name: node.name, role: 'latent', local: node.locality === 'local', logP, logQ: site.logQ, kl, score: site.estimator === 'score', enumerated: dependsOnEnumerated });
    } else {
      const local = node?.kind === 'data' || (node?.kind === 'param' && node.locality === 'local');
      raw.push({ id: target, name: node && 'name' in node ? node.name : target, role: node?.kind === 'param' ? 'param' : 'observed', local, logP, enumerated: touchesEnumerated });
    }
  }
  const sites = combos === 1 ? raw.map((r) => toTerm(r, s, b)) : reduceEnumerated(raw, draws, enumerated, combos, s, b, options.enumeration);
  const terms: Terms = {
    samples: s,
    localScale: options.dataSize / b,
    dataSize: options.dataSize,
    sites,
    ...(options.aggregate ? { aggregate: aggregateDraws(parts, draws, scope, options.rng) } : {}),
  };
  return { terms, draws };
}

interface RawSite {
  readonly id: string;
  readonly name: string;
  readonly role: SiteTerm['role'];
  readonly local: boolean;
  readonly logP: tf.Tensor;
  readonly logQ?: tf.Tensor;
  readonly kl?: tf.Tensor;
  readonly score?: boolean;
  /** Whether the term varies with an enumerated latent. */
  readonly enumerated: boolean;
}

/** Broadcast a site's tensors to [S, B] (local) or [S, 1] (global). */
function toTerm(r: RawSite, s: number, b: number): SiteTerm {
  const shape = [s, r.local ? b : 1];
  const fit = (t: tf.Tensor | undefined) => (t === undefined ? undefined : broadcastTo(t.reshape([t.shape[0], -1]), shape));
  return { name: r.name, role: r.role, local: r.local, logP: fit(r.logP)!, logQ: fit(r.logQ), kl: fit(r.kl), score: r.score };
}

/**
 * Reduce terms whose axis 0 holds samples × enumerated combinations ([C·S, …], combination
 * outermost) to [S, …]: `expect` takes Σ_c q(c) t(c) with the guide's joint probability of each
 * combination; `marginalize` replaces all model terms that vary with the enumerated latents by
 * log Σ_c p(x, c, …) per row.
 */
function reduceEnumerated(
  raw: readonly RawSite[],
  draws: ReadonlyMap<string, GuideSite>,
  enumerated: ReadonlySet<string>,
  combos: number,
  s: number,
  b: number,
  mode: 'expect' | 'marginalize',
): SiteTerm[] {
  const full = (t: tf.Tensor, local: boolean) => broadcastTo(t.reshape([t.shape[0], -1]), [combos * s, local ? b : 1]);
  const first = (t: tf.Tensor, local: boolean) => full(t, local).slice([0, 0], [s, -1]);
  const logQEnumerated = [...enumerated].map((id) => draws.get(id)!.logQ);
  const localEnumerated = [...enumerated].every((id) => draws.get(id)!.logQ.shape[1] === b || b === 1);
  if (mode === 'expect') {
    // The guide's probability of each combination: [C·S, B] (or [C·S, 1] if all enumerated latents are global).
    const weights = tf.exp(logQEnumerated.reduce((acc, t) => acc.add(t)));
    const expect = (t: tf.Tensor | undefined, local: boolean) =>
      t === undefined ? undefined : weights.mul(full(t, local)).reshape([combos, s, -1]).sum(0);
    return raw.map((r) =>
      r.enumerated
        ? { name: r.name, role: r.role, local: r.local, logP: expect(r.logP, r.local)!, logQ: expect(r.logQ, r.local), score: r.score }
        : toTerm({ ...r, logP: first(r.logP, r.local), logQ: r.logQ && first(r.logQ, r.local), kl: r.kl && first(r.kl, r.local) }, s, b),
    );
  }
  if (!localEnumerated) {
    throw new Error('marginalizing a global discrete latent is not supported: use the ELBO (it enumerates exactly) or EM');
  }
  // Model terms that vary with c are summed per combination and row, then log-sum-exp'd over c.
  const varying = raw.filter((r) => r.enumerated);
  const joint = tf.addN(varying.map((r) => full(r.logP, true))).reshape([combos, s, b]);
  const marginal = tf.logSumExp(joint, 0);
  const names = varying.map((r) => r.name).join(', ');
  const out: SiteTerm[] = [{ name: `marginal(${names})`, role: 'observed', local: true, logP: marginal }];
  for (const r of raw) {
    if (r.enumerated) {
      // A latent that is not enumerated itself keeps its guide density against the marginal.
      if (r.role === 'latent' && r.logQ && !enumerated.has(r.id)) {
        out.push({ name: r.name, role: 'latent', local: r.local, logP: tf.zeros([s, r.local ? b : 1]), logQ: first(r.logQ, r.local), score: r.score });
      }
      continue;
    }
    out.push(toTerm({ ...r, logP: first(r.logP, r.local), logQ: r.logQ && first(r.logQ, r.local), kl: r.kl && first(r.kl, r.local) }, s, b));
  }
  return out;
}

/**
 * Analytic KL replaces E_q[log q(z) − log p(z | pa)] by E[KL(q(z | ·) ‖ p(z | pa))] only when the
 * parents pa are drawn independently of z in the guide: otherwise the expectation over z given pa
 * is not the KL of the two densities.
 */
function klIsValid(prior: FactorNode, guide: Guide, latent: string): boolean {
  return prior.dependsOn.every((pa) => !guide.ancestors(pa).includes(latent));
}

function sumBatch(t: tf.Tensor, batchRank: number): tf.Tensor {
  if (batchRank === 0) return t;
  return t.sum(Array.from({ length: batchRank }, (_, i) => t.rank - batchRank + i));
}

/** Local latents drawn from the guide and from the prior, flattened to [S·B, Σ sizes] each. */
function aggregateDraws(parts: ModelParts, draws: ReadonlyMap<string, GuideSite>, scope: ExecScope, rng: Rng): { posterior: tf.Tensor2D; prior: tf.Tensor2D } {
  const local = parts.latents.filter((l) => l.locality === 'local');
  if (local.length === 0) throw new Error('infovae needs local latents: its divergence is between the aggregate posterior and the prior');
  const posterior: tf.Tensor[] = [];
  const prior: tf.Tensor[] = [];
  for (const l of local) {
    const q = draws.get(l.id)!.value.t;
    const size = l.type.shape.reduce((a, c) => a * c, 1);
    posterior.push(q.reshape([-1, size]));
    const f = parts.byId.get(l.priorFactor) as FactorNode;
    const drawn = factorDistribution(f, scope).expand([q.shape[0]!, q.shape[1]!, ...f.batchShape]).sample(rng);
    prior.push(drawn.reshape([-1, size]));
  }
  const cat = (ts: tf.Tensor[]) => (ts.length === 1 ? ts[0] : tf.concat(ts, 1)) as tf.Tensor2D;
  return { posterior: cat(posterior), prior: cat(prior) };
}
