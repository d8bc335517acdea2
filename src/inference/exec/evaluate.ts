/**
 * The expression interpreter: a checked `TypedExpr` becomes tfjs operations on row values.
 *
 * Shapes were proven by the checker, so the interpreter does no shape reasoning of its own beyond
 * lining up row parts; the static `rowShape` of each node is used to restore shapes that a
 * kernel flattens (network inputs and outputs).
 */
import * as tf from '@tensorflow/tfjs';
import type { TypedExpr, TypedIndex, ConstValue, ElementwiseFn } from '../../graph/ir.js';
import { applyMlp, type Mlp } from '../../nn/index.js';
import { log1p, logSumExp, softplus } from '../../numerics/index.js';
import {
  elementwise,
  indexBy,
  leadRank,
  leadShape,
  liftConstant,
  map,
  matmul,
  rowShape,
  sliceRow,
  stackRow,
  sumRow,
  takeRow,
  type RowValue,
} from './row-value.js';

/** Where an expression's references are looked up. */
export interface Scope {
  /** The number of lead axes every value carries. */
  readonly lead: number;
  /** The value of a data, latent, param or let node. */
  value(id: string): RowValue;
  net(id: string): Mlp;
}

const ELEMENTWISE: Readonly<Record<ElementwiseFn, (x: tf.Tensor) => tf.Tensor>> = {
  exp: tf.exp,
  log: tf.log,
  sqrt: tf.sqrt,
  abs: tf.abs,
  softplus,
  sigmoid: tf.sigmoid,
  tanh: tf.tanh,
  relu: tf.relu,
  log1p,
  expm1: (x) => tf.sub(tf.exp(x), 1),
  square: tf.square,
};

const BINARY = {
  add: tf.add,
  sub: tf.sub,
  mul: tf.mul,
  div: tf.div,
  pow: tf.pow,
} as const;

export function evaluate(expr: TypedExpr, scope: Scope): RowValue {
  if (expr.constant !== undefined) return constantValue(expr.constant, scope.lead);
  switch (expr.op) {
    case 'const':
      throw new Error('internal: a const expression without a folded value');
    case 'ref':
      return scope.value(expr.id);
    case 'neg':
      return map(evaluate(expr.arg, scope), tf.neg);
    case 'binary': {
      const left = evaluate(expr.left, scope);
      const right = evaluate(expr.right, scope);
      return expr.fn === 'matmul' ? matmul(left, right) : elementwise(left, right, BINARY[expr.fn]);
    }
    case 'elementwise':
      return map(evaluate(expr.arg, scope), ELEMENTWISE[expr.fn]);
    case 'axis':
      return axisFunction(expr.fn, expr.args.map((a) => evaluate(a, scope)), expr.axis);
    case 'net':
      return applyNet(scope.net(expr.net), evaluate(expr.input, scope), expr.rowShape);
    case 'index':
      return index(evaluate(expr.target, scope), expr.items, scope);
    case 'vector':
      return stackRow(expr.elements.map((e) => evaluate(e, scope)));
  }
}

export function constantValue(value: ConstValue, lead: number): RowValue {
  return liftConstant(tf.tensor(value as number | number[]), lead);
}

function axisFunction(fn: string, args: RowValue[], axis: number | undefined): RowValue {
  const [x] = args;
  switch (fn) {
    case 'sum':
      return sumRow(x, axis);
    case 'logsumexp': {
      const lead = leadRank(x);
      if (axis !== undefined) return { t: logSumExp(x.t, lead + axis), rowRank: x.rowRank - 1 };
      return { t: logSumExp(x.t.reshape([...leadShape(x), -1]), lead), rowRank: 0 };
    }
    case 'softmax': {
      const at = leadRank(x) + (axis ?? x.rowRank - 1);
      return { t: tf.softmax(moveAxisLast(x.t, at)).transpose(inversePermutationLast(x.t.rank, at)), rowRank: x.rowRank };
    }
    case 'transpose': {
      const perm = [...Array(x.t.rank).keys()];
      [perm[x.t.rank - 2], perm[x.t.rank - 1]] = [perm[x.t.rank - 1], perm[x.t.rank - 2]];
      return { t: x.t.transpose(perm), rowRank: x.rowRank };
    }
    case 'dot':
      return sumRow(elementwise(x, args[1], tf.mul), Math.max(x.rowRank, args[1].rowRank) - 1);
    default:
      throw new Error(`internal: unknown axis function '${fn}'`);
  }
}

/** tf.softmax works on the last axis; bring `axis` there (and back with the inverse). */
function moveAxisLast(t: tf.Tensor, axis: number): tf.Tensor {
  if (axis === t.rank - 1) return t;
  const perm = [...Array(t.rank).keys()].filter((i) => i !== axis);
  return t.transpose([...perm, axis]);
}

function inversePermutationLast(rank: number, axis: number): number[] {
  const perm = [...Array(rank).keys()].filter((i) => i !== axis);
  perm.push(axis);
  const inverse = new Array<number>(rank);
  perm.forEach((p, i) => (inverse[p] = i));
  return inverse;
}

/** Apply an MLP over the last row axis; a scalar input is a vector of size 1. */
function applyNet(net: Mlp, input: RowValue, outShape: readonly number[]): RowValue {
  const x = input.rowRank === 0 ? input.t.expandDims(-1) : input.t;
  const out = applyMlp(net, x);
  return { t: out.reshape([...leadShape(input), ...outShape]), rowRank: outShape.length };
}

function index(target: RowValue, items: readonly TypedIndex[], scope: Scope): RowValue {
  let v = target;
  let axis = 0;
  for (const item of items) {
    if (item.kind === 'at') {
      v = takeRow(v, axis, item.index);
    } else if (item.kind === 'slice') {
      v = sliceRow(v, axis, item.start, item.end);
      axis += 1;
    } else {
      v = gatherAt(v, axis, evaluate(item.index, scope));
    }
  }
  return v;
}

/** v[…, idx, …] with a varying integer index on row axis `axis`; the axis disappears. */
function gatherAt(v: RowValue, axis: number, idx: RowValue): RowValue {
  if (axis === 0) return indexBy(v, idx);
  const lead = leadRank(v);
  const perm = [...Array(v.t.rank).keys()];
  perm.splice(lead + axis, 1);
  perm.splice(lead, 0, lead + axis);
  const front = { t: v.t.transpose(perm), rowRank: v.rowRank };
  const gathered = indexBy(front, idx);
  // The remaining row axes are the original ones without `axis`, already in order.
  return { t: gathered.t, rowRank: rowShape(gathered).length };
}
