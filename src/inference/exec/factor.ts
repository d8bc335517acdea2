/**
 * Factors at run time: a factor node's arguments become a distribution over its target, and its
 * log-density becomes one number per lead position (per sample and row), summed over the
 * target's batch dimensions — the dimensions of the declared shape that are independent draws.
 */
import * as tf from '@tensorflow/tfjs';
import type { FactorNode } from '../../graph/ir.js';
import { broadcastTo, type Distribution, DistributionError, type FamilySpec, getFamily } from '../../distributions/index.js';
import { evaluate, type Scope } from './evaluate.js';
import { leadShape, rowShape, type RowValue } from './row-value.js';

/** The family of a factor; the checker guarantees it is registered, but a plugin may be missing at run time. */
export function familyOf(node: FactorNode): FamilySpec {
  const spec = getFamily(node.family);
  if (!spec) throw new Error(`distribution family '${node.family}' is not registered (was its plugin loaded with --plugin?)`);
  return spec;
}

/**
 * The factor's distribution with batch shape [...lead, ...batchShape]: each argument's batch
 * part is padded with size-1 axes so that it lines up with the target's batch dims.
 */
export function factorDistribution(node: FactorNode, scope: Scope): Distribution {
  return familyOf(node).create(factorArguments(node, scope));
}

/** The factor's argument tensors, by parameter name, aligned to the target's batch dims. */
export function factorArguments(node: FactorNode, scope: Scope): Record<string, tf.Tensor> {
  const params: Record<string, tf.Tensor> = {};
  for (const p of familyOf(node).params) {
    const expr = node.args[p.name];
    if (expr === undefined) continue;
    params[p.name] = alignArgument(evaluate(expr, scope), p.eventRank, node.batchShape.length);
  }
  return params;
}

function alignArgument(v: RowValue, eventRank: number, batchRank: number): tf.Tensor {
  const row = rowShape(v);
  const missing = batchRank - (row.length - eventRank);
  if (missing <= 0) return v.t;
  return v.t.reshape([...leadShape(v), ...Array<number>(missing).fill(1), ...row]);
}

/**
 * Run `f` for a factor, prefixing a distribution's complaint about its arguments or value with the
 * factor's source location, so that a run-time error points at the line of the model that caused it.
 */
export function atFactor<T>(source: string, node: FactorNode, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof DistributionError)) throw e;
    const given = node.given.length ? ` | ${node.given.join(', ')}` : '';
    throw new DistributionError(`${source}:${node.span.startLine}:${node.span.startColumn}: in ${node.density}(${node.targets.join(', ')}${given}): ${e.message}`);
  }
}

/** The factor's target value: one target, or several concatenated along the last axis. */
export function targetValue(node: FactorNode, scope: Scope): RowValue {
  const values = node.targets.map((id) => scope.value(id));
  if (values.length === 1) return values[0];
  const lead = leadShape(values[0]).map((_, i) => Math.max(...values.map((v) => v.t.shape[i])));
  const full = values.map((v) => broadcastTo(v.t, [...lead, ...rowShape(v)]));
  return { t: tf.concat(full, -1), rowRank: values[0].rowRank };
}

/** log p(target) summed over the batch dims: one value per lead position. */
export function factorLogProb(node: FactorNode, dist: Distribution, value: RowValue): tf.Tensor {
  const batchRank = node.batchShape.length;
  return batchRank === 0 ? dist.logProb(value.t) : dist.logProbSum(value.t, batchRank);
}
