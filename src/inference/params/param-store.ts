/**
 * The trainable state of a fit: global parameters θ (the model's, and a guide's global φ) as
 * tf.Variables over unconstrained space, per-row parameters on the host (`LocalParam`), and the
 * networks. Everything is created from the graph with one seeded generator, so the same seed gives
 * the same initial state, and everything can be saved and loaded for checkpoints.
 */
import * as tf from '@tensorflow/tfjs';
import type { NetNode, ParamNode } from '../../graph/ir.js';
import { createMlp, mlpVariables, parseActivation, type Mlp } from '../../nn/index.js';
import type { Rng } from '../../runtime/rng.js';
import { liftConstant, type RowValue } from '../exec/row-value.js';
import { initialUnconstrained, layoutOf, type UnconstrainedLayout } from './constrained-param.js';
import { LocalParam, type LocalParamState } from './local-params.js';

interface GlobalEntry {
  readonly variable: tf.Variable;
  readonly layout: UnconstrainedLayout;
}

interface LocalEntry {
  readonly param: LocalParam;
  readonly layout: UnconstrainedLayout;
}

export interface ParamStoreState {
  readonly globals: Record<string, { shape: number[]; values: number[] }>;
  readonly locals: Record<string, LocalParamState>;
}

/**
 * tfjs keeps one process-wide registry of variable names, and several stores of the same model
 * can be alive at once (a fit and its held-out refit, the guides of `compare`); each store's
 * variables therefore carry a unique prefix, which checkpoints strip (`logicalName`).
 */
let storesCreated = 0;

export class ParamStore {
  private readonly globals = new Map<string, GlobalEntry>();
  private readonly locals = new Map<string, LocalEntry>();
  private readonly nets = new Map<string, Mlp>();
  /** The prefix of this store's tfjs variable names. */
  readonly prefix = `s${++storesCreated}/`;

  constructor(private readonly rng: Rng, readonly rows: number) {}

  /** A variable's name without this store's prefix: stable across processes, used in checkpoints. */
  logicalName(variableName: string): string {
    return variableName.startsWith(this.prefix) ? variableName.slice(this.prefix.length) : variableName;
  }

  /** A declared `param` node: global θ or per-row. */
  addParam(node: ParamNode): void {
    const layout = layoutOf(node.type);
    if (node.locality === 'local') {
      const init = initialUnconstrained(layout, this.rng, node.init, [this.rows]);
      this.addLocal(node.id, layout, init);
    } else {
      this.addGlobal(node.id, layout, initialUnconstrained(layout, this.rng, node.init));
    }
  }

  /** A global unconstrained variable with a transform (automatic guides use this directly). */
  addGlobal(id: string, layout: UnconstrainedLayout, initial: tf.Tensor): void {
    if (this.globals.has(id)) throw new Error(`internal: parameter '${id}' created twice`);
    this.globals.set(id, { variable: tf.variable(initial, true, `${this.prefix}param/${id}`), layout });
    initial.dispose();
  }

  /** A per-row unconstrained parameter; `initial` is [rows, ...unconstrainedShape]. */
  addLocal(id: string, layout: UnconstrainedLayout, initial: tf.Tensor): void {
    if (this.locals.has(id)) throw new Error(`internal: local parameter '${id}' created twice`);
    const values = initial.dataSync() as Float32Array;
    this.locals.set(id, { param: new LocalParam(id, this.rows, layout.unconstrainedShape, Float32Array.from(values)), layout });
    initial.dispose();
  }

  /** A declared `net` node, or an automatic guide's encoder described the same way. */
  addNet(node: Pick<NetNode, 'id' | 'widths' | 'activation' | 'output'>): void {
    if (this.nets.has(node.id)) throw new Error(`internal: network '${node.id}' created twice`);
    const net = createMlp(
      { sizes: node.widths, activation: parseActivation(node.activation), outputActivation: parseActivation(node.output) },
      { rng: this.rng, name: `${this.prefix}net/${node.id}` },
    );
    this.nets.set(node.id, net);
  }

  net(id: string): Mlp {
    const net = this.nets.get(id);
    if (!net) throw new Error(`internal: unknown network '${id}'`);
    return net;
  }

  hasGlobal(id: string): boolean {
    return this.globals.has(id);
  }

  isLocal(id: string): boolean {
    return this.locals.has(id);
  }

  /** The constrained value of a global parameter, lifted to `lead` axes. */
  globalValue(id: string, lead: number): RowValue {
    const entry = this.globals.get(id);
    if (!entry) throw new Error(`internal: unknown parameter '${id}'`);
    return liftConstant(entry.layout.transform.forward(entry.variable), lead);
  }

  /**
   * The constrained value of a declared parameter for a batch, as a row value with 2 lead axes:
   * global ones shared, per-row ones from `localRows` (the batch rows of its unconstrained values).
   */
  paramValue(node: ParamNode, localRows: (id: string) => tf.Tensor): RowValue {
    if (node.locality === 'global') return this.globalValue(node.id, 2);
    return { t: layoutOf(node.type).transform.forward(localRows(node.id)).expandDims(0), rowRank: node.type.shape.length };
  }

  /** The raw unconstrained variable (automatic guides read loc/scale vectors this way). */
  variable(id: string): tf.Variable {
    const entry = this.globals.get(id);
    if (!entry) throw new Error(`internal: unknown parameter '${id}'`);
    return entry.variable;
  }

  local(id: string): LocalParam {
    const entry = this.locals.get(id);
    if (!entry) throw new Error(`internal: unknown local parameter '${id}'`);
    return entry.param;
  }

  localLayout(id: string): UnconstrainedLayout {
    return this.locals.get(id)!.layout;
  }

  /** Trainable tf.Variables whose ids pass `filter` (globals and network weights). */
  variables(filter: (id: string) => boolean = () => true): tf.Variable[] {
    const out: tf.Variable[] = [];
    for (const [id, e] of this.globals) if (filter(id)) out.push(e.variable);
    for (const [id, net] of this.nets) if (filter(id)) out.push(...mlpVariables(net));
    return out;
  }

  localIds(filter: (id: string) => boolean = () => true): string[] {
    return [...this.locals.keys()].filter(filter);
  }

  /** Constrained values of every global parameter, for summaries. */
  constrainedGlobals(): Record<string, tf.Tensor> {
    const out: Record<string, tf.Tensor> = {};
    for (const [id, e] of this.globals) out[id] = tf.tidy(() => e.layout.transform.forward(e.variable));
    return out;
  }

  state(): ParamStoreState {
    const globals: ParamStoreState['globals'] = {};
    for (const v of this.variables()) globals[this.logicalName(v.name)] = { shape: v.shape, values: Array.from(v.dataSync()) };
    const locals: ParamStoreState['locals'] = {};
    for (const [id, e] of this.locals) locals[id] = e.param.state();
    return { globals, locals };
  }

  load(state: ParamStoreState): void {
    for (const v of this.variables()) {
      const saved = state.globals[this.logicalName(v.name)];
      if (!saved) throw new Error(`checkpoint has no value for '${this.logicalName(v.name)}' (was it written by another model?)`);
      const value = tf.tensor(saved.values, saved.shape);
      v.assign(value);
      value.dispose();
    }
    for (const [id, e] of this.locals) {
      const saved = state.locals[id];
      if (!saved) throw new Error(`checkpoint has no value for local parameter '${id}'`);
      e.param.load(saved);
    }
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}
