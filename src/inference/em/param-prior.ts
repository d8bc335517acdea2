/**
 * log p(θ): the model's prior factors on its parameters (MAP-EM adds it to the M-step objective
 * and to the reported objective).
 */
import * as tf from '@tensorflow/tfjs';
import type { FactorNode } from '../../graph/ir.js';
import type { Scope } from '../exec/evaluate.js';
import { factorDistribution, factorLogProb, targetValue } from '../exec/factor.js';
import type { ModelParts } from '../trace.js';

/** The factors whose target is a parameter. */
export function paramPriors(parts: ModelParts): FactorNode[] {
  const params = new Set(parts.params.map((p) => p.id));
  return parts.factors.filter((f) => params.has(f.targets[0]!));
}

/** Σ log p(θ) over `priors`, evaluated in a scope that binds the parameters (0 when there are none). */
export function paramLogPrior(priors: readonly FactorNode[], scope: Scope): tf.Scalar {
  const terms = priors.map((f) => factorLogProb(f, factorDistribution(f, scope), targetValue(f, scope)).sum());
  return (terms.length === 0 ? tf.scalar(0) : tf.addN(terms)) as tf.Scalar;
}
