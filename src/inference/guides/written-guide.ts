/**
 * A guide written out in the .vmodel file: its own parameters, networks and lets, and one q
 * factor per latent, run in the guide's topological order so that structured guides
 * q(z2 | z1, x) see the z1 they condition on. Each q factor is drawn by the best estimator its
 * family allows: enumeration for small discrete supports, pathwise where the family has rsample,
 * the score function otherwise.
 */
import * as tf from '@tensorflow/tfjs';
import type { FactorNode, LatentNode, LetNode, ModelGraph, WrittenGuide } from '../../graph/ir.js';
import { ExecScope } from '../exec/exec-scope.js';
import { detach } from '../../distributions/ops.js';
import { atFactor, factorArguments, factorLogProb, familyOf } from '../exec/factor.js';
import type { ParamStore } from '../params/param-store.js';
import { Draws, MAX_ENUMERATED_SUPPORT } from './draws.js';
import { finiteSupportSize } from './latent-info.js';
import type { Guide, GuideInput, GuideSite, SitePlan } from './guide.js';

export function writtenGuide(guide: WrittenGuide, graph: ModelGraph, store: ParamStore): Guide {
  const owned = new Set<string>();
  const lets = new Map<string, LetNode>();
  for (const node of guide.nodes) {
    if (node.kind === 'param') {
      store.addParam(node);
      owned.add(node.id);
    } else if (node.kind === 'net') {
      store.addNet(node);
      owned.add(node.id);
    } else if (node.kind === 'let') {
      lets.set(node.id, node);
    }
  }
  const latents = new Map(graph.nodes.filter((n): n is LatentNode => n.kind === 'latent').map((n) => [n.id, n]));
  const factors = guide.nodes.filter((n): n is FactorNode => n.kind === 'factor');
  const ancestry = guideAncestry(factors, latents);

  return {
    name: guide.name,
    kind: 'written',
    owns: (id) => owned.has(id),
    ancestors: (latent) => ancestry.get(latent) ?? [],
    sample(input: GuideInput): Map<string, GuideSite> {
      const scope = new ExecScope(2, lets, (id) => store.net(id), input.scope);
      for (const node of guide.nodes) if (node.kind === 'param') scope.bind(node.id, store.paramValue(node, input.localRows));
      const draws = new Draws(input.samples, scope, input.enumerate);
      for (const factor of factors) atFactor(graph.source, factor, () => {
        if (factor.targets.length !== 1) {
          throw new Error(`q(${factor.targets.join(', ')}): joint guide factors over several latents are not supported by the engine yet; write one q factor per latent`);
        }
        const latent = latents.get(factor.targets[0]);
        if (!latent) throw new Error(`internal: guide factor '${factor.id}' targets unknown latent '${factor.targets[0]}'`);
        const args = factorArguments(factor, scope);
        const dist = familyOf(factor).create(args);
        if (factor.discrete && latent.type.shape.length === 0 && dist.hasEnumerateSupport && draws.canEnumerate(supportSize(dist))) {
          draws.enumerate(latent, dist);
        } else {
          // Sticking the landing: score pathwise draws under q with its arguments held fixed.
          const scoring = input.stickTheLanding && dist.hasRsample ? familyOf(factor).create(mapValues(args, detach)) : dist;
          draws.draw(latent, dist, input.rng, (v) => factorLogProb(factor, scoring, v), { rows: input.rows, shape: factor.batchShape });
        }
      });
      return draws.sites;
    },
    plan(): SitePlan[] {
      return factors.map((factor) => {
        const name = factor.targets.join(', ');
        const q = `${factor.family}(${Object.keys(factor.args).join(', ')})${factor.given.length ? ` given ${factor.given.join(', ')}` : ''}`;
        const latent = latents.get(factor.targets[0]);
        if (factor.discrete && factor.targetShape.length === 0 && latent && finiteSupportSize(latent.type) !== undefined) {
          return { latent: name, q, estimator: 'enumerate', reason: `discrete with a small finite support (≤ ${MAX_ENUMERATED_SUPPORT} values): summed exactly` };
        }
        if (factor.hasRsample) return { latent: name, q, estimator: 'pathwise', reason: `${factor.family} has a reparameterized sampler` };
        return { latent: name, q, estimator: 'score', reason: `${factor.family} has no reparameterized sampler: score-function gradient with a baseline` };
      });
    },
  };
}

/** For each latent, the latents its q factor depends on, transitively through earlier q factors. */
function guideAncestry(factors: readonly FactorNode[], latents: ReadonlyMap<string, LatentNode>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of factors) {
    const direct = f.dependsOn.filter((id) => latents.has(id));
    const all = new Set(direct.flatMap((id) => [id, ...(out.get(id) ?? [])]));
    for (const t of f.targets) out.set(t, [...all]);
  }
  return out;
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

function supportSize(dist: { enumerateSupport(expand?: boolean): tf.Tensor }): number {
  return tf.tidy(() => dist.enumerateSupport(false).shape[0]);
}
