/**
 * The automatic guides, built from the model's latents alone:
 *
 *   meanfield  every continuous latent element gets an independent Normal in unconstrained space
 *              (per row for local latents); every discrete latent a Categorical/Bernoulli with its
 *              own logits, enumerated when its support is small;
 *   amortized  local continuous latents get an encoder network from the data row to loc and scale
 *              (Kingma & Welling); everything else as in meanfield;
 *   delta      point masses at a learned value (MAP in constrained space: log q = 0).
 */
import * as tf from '@tensorflow/tfjs';
import { Bernoulli, broadcastTo, Categorical, type Distribution, IdentityTransform } from '../../distributions/index.js';
import type { DataNode, ModelGraph } from '../../graph/ir.js';
import { applyMlp } from '../../nn/index.js';
import { softplus } from '../../numerics/index.js';
import { layoutOf, type UnconstrainedLayout } from '../params/constrained-param.js';
import type { ParamStore } from '../params/param-store.js';
import { Draws, MAX_ENUMERATED_SUPPORT } from './draws.js';
import type { Guide, GuideInput, GuideSite, SitePlan } from './guide.js';
import { latentsOf, type LatentInfo } from './latent-info.js';
import { inverseSoftplus, sumFrom, unconstrainedNormalSite } from './unconstrained-normal.js';
import { ExecScope } from '../exec/exec-scope.js';

export type AutoStrategy = 'meanfield' | 'amortized' | 'delta';

export interface AutoGuideConfig {
  readonly initScale?: number;
  /** Restrict the guide to some latents (the full-rank guide delegates its local latents here). */
  readonly only?: (info: LatentInfo) => boolean;
  readonly hidden?: readonly number[];
  readonly activation?: string;
}

export function rawLayout(shape: readonly number[]): UnconstrainedLayout {
  return { transform: new IdentityTransform(), shape, unconstrainedShape: shape };
}

export function autoGuide(name: string, strategy: AutoStrategy, graph: ModelGraph, store: ParamStore, config: AutoGuideConfig = {}): Guide {
  const latents = latentsOf(graph).filter(config.only ?? (() => true));
  const initScale = config.initScale ?? 0.1;
  const prefix = `${name}/`;
  const data = graph.nodes.filter((n): n is DataNode => n.kind === 'data');
  const encoderInput = data.reduce((size, d) => size + d.type.shape.reduce((a, b) => a * b, 1), 0);

  // Create φ for every latent up front, so that initialization order (and so the seed) is fixed.
  for (const info of latents) {
    const id = `${prefix}${info.node.id}`;
    const local = info.node.locality === 'local';
    if (info.supportSize !== undefined) {
      if (strategy === 'delta') throw new Error(`the delta guide cannot represent discrete latent '${info.node.name}': use meanfield (it enumerates) or --method em`);
      const shape = info.node.type.kind === 'category' ? [...info.node.type.shape, info.supportSize] : info.node.type.shape;
      addRaw(store, `${id}/logits`, shape, 0, local);
      continue;
    }
    const layout = layoutOf(info.node.type);
    const us = layout.unconstrainedShape;
    if (strategy === 'amortized' && local) {
      const size = us.reduce((a, b) => a * b, 1);
      store.addNet({ id: `${id}/encoder`, widths: [encoderInput, ...(config.hidden ?? [64]), 2 * size], activation: (config.activation ?? 'relu') as never, output: 'identity' });
      continue;
    }
    addRaw(store, `${id}/loc`, us, 0, local);
    if (strategy !== 'delta') addRaw(store, `${id}/scale`, us, inverseSoftplus(initScale), local);
  }

  const paramOf = (input: GuideInput, id: string, local: boolean): tf.Tensor => {
    if (local) return input.localRows(id).expandDims(0);
    const v = store.variable(id);
    return v.reshape([1, 1, ...v.shape]);
  };

  return {
    name,
    kind: strategy,
    owns: (id) => id.startsWith(prefix),
    // Every automatic draw depends on the data row alone.
    ancestors: () => [],
    sample(input: GuideInput): Map<string, GuideSite> {
      const scope = new ExecScope(2, new Map(), (id) => store.net(id), input.scope);
      const draws = new Draws(input.samples, scope, input.enumerate);
      // Continuous latents first: enumerated ones tile what was drawn before them.
      for (const info of latents.filter((l) => l.supportSize === undefined)) {
        const id = `${prefix}${info.node.id}`;
        const local = info.node.locality === 'local';
        const layout = layoutOf(info.node.type);
        const priorEventRank = info.prior.eventShape.length;
        if (strategy === 'amortized' && local) {
          const x = encoderInputOf(data, input);
          const out = applyMlp(store.net(`${id}/encoder`), x);
          const size = out.shape[2]! / 2;
          const us = layout.unconstrainedShape;
          const loc = out.slice([0, 0, 0], [-1, -1, size]).reshape([1, input.rows, ...us]);
          const scale = softplus(out.slice([0, 0, size], [-1, -1, size])).reshape([1, input.rows, ...us]);
          draws.add(unconstrainedNormalSite(info.node, layout, loc, scale, draws.samples, input.rng, priorEventRank, input.stickTheLanding));
        } else if (strategy === 'delta') {
          const u = paramOf(input, `${id}/loc`, local);
          const z = layout.transform.forward(u);
          const value = { t: broadcastTo(z, [draws.samples, ...z.shape.slice(1)]), rowRank: info.node.type.shape.length };
          draws.add({ latent: info.node.id, value, logQ: tf.zeros([1, z.shape[1]!]), estimator: 'pathwise' });
        } else {
          const loc = paramOf(input, `${id}/loc`, local);
          const scale = softplus(paramOf(input, `${id}/scale`, local));
          draws.add(unconstrainedNormalSite(info.node, layout, loc, scale, draws.samples, input.rng, priorEventRank, input.stickTheLanding));
        }
      }
      for (const info of latents.filter((l) => l.supportSize !== undefined)) {
        const local = info.node.locality === 'local';
        const logits = paramOf(input, `${prefix}${info.node.id}/logits`, local);
        const dist: Distribution = info.node.type.kind === 'category' ? new Categorical({ logits }) : new Bernoulli({ logits });
        if (info.node.type.shape.length === 0 && draws.canEnumerate(info.supportSize!)) draws.enumerate(info.node, dist);
        else draws.draw(info.node, dist, input.rng, (v) => sumFrom(dist.logProb(v.t), 2), { rows: input.rows, shape: info.node.type.shape });
      }
      return draws.sites;
    },
    plan(): SitePlan[] {
      return latents.map((info) => {
        const where = info.node.locality === 'local' ? 'per row' : 'global';
        if (info.supportSize !== undefined) {
          const family = info.node.type.kind === 'category' ? 'Categorical' : 'Bernoulli';
          const enumerable = info.node.type.shape.length === 0 && info.supportSize <= MAX_ENUMERATED_SUPPORT;
          return enumerable
            ? { latent: info.node.name, q: `${family}(logits, ${where})`, estimator: 'enumerate', reason: `discrete with ${info.supportSize} values: summed exactly` }
            : { latent: info.node.name, q: `${family}(logits, ${where})`, estimator: 'score', reason: 'discrete and too large to enumerate: no pathwise gradient' };
        }
        const t = layoutOf(info.node.type).transform;
        const pushed = t instanceof IdentityTransform ? '' : ` → ${t.name}`;
        if (strategy === 'delta') return { latent: info.node.name, q: `Delta(${where})${pushed}`, estimator: 'pathwise', reason: 'point estimate (MAP)' };
        const q = strategy === 'amortized' && info.node.locality === 'local' ? `Normal(encoder(data))${pushed}` : `Normal(loc, scale, ${where})${pushed}`;
        return { latent: info.node.name, q, estimator: 'pathwise', reason: 'reparameterized: u = loc + scale·ε' };
      });
    },
  };
}

function addRaw(store: ParamStore, id: string, shape: readonly number[], value: number, local: boolean): void {
  const layout = rawLayout(shape);
  if (local) store.addLocal(id, layout, tf.fill([store.rows, ...shape], value));
  else store.addGlobal(id, layout, tf.fill([...shape], value));
}

/** Every data column of the batch rows, flattened and concatenated: [1, B, Σ sizes]. */
function encoderInputOf(data: readonly DataNode[], input: GuideInput): tf.Tensor {
  const parts = data.map((d) => {
    const v = input.scope.value(d.id).t;
    return v.reshape([1, input.rows, -1]);
  });
  return parts.length === 1 ? parts[0] : tf.concat(parts, 2);
}

