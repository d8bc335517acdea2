/**
 * The EM driver: choose the E-step the graph allows, then for each restart alternate
 *
 *   E-step  q(Z) = p(Z | X, θ)   (exact), or the best q in the guide's family (variational),
 *   M-step  θ = argmax_θ E_q[log p(X, Z | θ)] + log p(θ)   (closed form, or gradient ascent),
 *
 * recording the objective at every iteration, until its relative change falls below the
 * tolerance; the restart with the highest final objective is kept.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/index.js';
import { setValidation, validationEnabled } from '../../distributions/index.js';
import type { ModelGraph } from '../../graph/ir.js';
import { Rng } from '../../runtime/rng.js';
import type { ParamStoreState } from '../params/param-store.js';
import { prepare, type Prepared } from '../setup.js';
import { modelParts, type ModelParts } from '../trace.js';
import { discreteEm } from './discrete-em.js';
import type { EmEngine } from './engine.js';
import { discreteLatents } from './enumerated-model.js';
import { recognizeLoadings } from './closed-form/loadings.js';
import { linearGaussianEm } from './linear-gaussian-em.js';
import { linearGaussianStructure } from './linear-gaussian.js';
import { variationalEm } from './variational-em.js';
import { EmError, type EmOptions, type EmResult, type RestartSummary } from './types.js';

const DEFAULTS = {
  maxIters: 200,
  tolerance: 1e-6,
  restarts: 1,
  varianceFloor: 1e-6,
  probabilityFloor: 1e-3,
  gradientSteps: 50,
  gradientLr: 0.05,
  variationalSteps: 50,
} as const;

export type ResolvedEmOptions = Required<Omit<EmOptions, 'guide' | 'onProgress' | 'signal' | 'resume'>> & Pick<EmOptions, 'guide' | 'onProgress' | 'signal' | 'resume'>;

export function runEm(graph: ModelGraph, data: Dataset, options: EmOptions): EmResult {
  const started = performance.now();
  const resolved = resolveOptions(graph, options);
  const parts = modelParts(graph);
  const engine = chooseEngine(parts, data, resolved);
  const root = new Rng(resolved.seed);
  const warnings = new Set<string>();
  const restarts: RestartSummary[] = [];
  // tfjs variable names are global, so one store lives at a time: the best restart is kept as a
  // saved state and loaded into the last restart's store at the end.
  let best: { state: ParamStoreState; trace: number[]; restart: number } | undefined;
  let prepared: Prepared | undefined;
  let failure: EmError | undefined;
  let interrupted = false;
  try {
    for (let restart = 0; restart < resolved.restarts; restart++) {
      prepared?.store.dispose();
      const seed = root.nextUint32();
      prepared = prepare(graph, data.n, seed, 'em', resolved.guide);
      let run: { trace: number[]; converged: boolean; interrupted: boolean };
      try {
        run = iterate(engine, prepared, new Rng(seed).fork(), restart, resolved, (m) => warnings.add(m));
      } catch (e) {
        // A start that ends somewhere non-finite is dropped; the others may still succeed.
        if (!(e instanceof EmError) || resolved.restarts === 1) throw e;
        failure = e;
        warnings.add(`restart ${restart} was dropped: ${e.message}`);
        continue;
      }
      restarts.push({ restart, seed, iters: run.trace.length, converged: run.converged, objective: run.trace.at(-1)! });
      if (best === undefined || run.trace.at(-1)! > best.trace.at(-1)!) {
        engine.finish(prepared);
        best = { state: prepared.store.state(), trace: run.trace, restart };
      }
      if (run.interrupted) {
        interrupted = true;
        break;
      }
    }
    if (best === undefined) throw failure!;
    // tidy: ParamStore.load leaves its temporary tensors to the caller.
    if (best.restart !== resolved.restarts - 1) tf.tidy(() => prepared!.store.load(best!.state));
  } catch (e) {
    prepared?.store.dispose();
    throw e;
  } finally {
    engine.dispose();
  }
  const kinds = new Set(engine.updates.map((u) => u.kind));
  return {
    prepared: prepared!,
    logLikTrace: best!.trace,
    exactEStep: engine.eStep !== 'variational',
    eStep: engine.eStep,
    objective: engine.objective,
    mStep: kinds.size === 2 ? 'mixed' : kinds.has('gradient') ? 'gradient' : 'closed-form',
    updates: engine.updates,
    restarts,
    best: best!.restart,
    converged: restarts.find((r) => r.restart === best!.restart)!.converged,
    interrupted,
    warnings: [...warnings],
    notes: engine.notes,
    seconds: (performance.now() - started) / 1000,
  };
}

function iterate(engine: EmEngine, prepared: Prepared, rng: Rng, restart: number, options: ResolvedEmOptions, warn: (m: string) => void) {
  engine.initialize(prepared, rng);
  const trace: number[] = [];
  const validating = validationEnabled();
  try {
    if (options.resume) {
      // The saved parameters are those the saved trace's last entry measured: redo that E-step
      // (its objective is that entry) and the M-step the interruption skipped, then go on.
      tf.tidy(() => prepared.store.load(options.resume!.params));
      trace.push(...options.resume.trace);
      engine.evaluate(prepared);
      if (trace.length < options.maxIters) engine.maximize(prepared, warn);
    }
    for (let iter = trace.length + 1; iter <= options.maxIters; iter++) {
      // Distribution arguments are checked on the first E-step (clear errors), then not (speed).
      if (iter === 2) setValidation(false);
      const objective = engine.evaluate(prepared);
      if (!Number.isFinite(objective)) {
        throw new EmError(`EM: the ${engine.objective} is ${objective} at iteration ${iter} of restart ${restart}; check the data for extreme values or raise the variance floor`);
      }
      const previous = trace.at(-1);
      trace.push(objective);
      const relativeChange = previous === undefined ? Infinity : Math.abs(objective - previous) / Math.max(Math.abs(objective), Number.MIN_VALUE);
      options.onProgress?.({ restart, iter, objective, relativeChange });
      if (relativeChange < options.tolerance) return { trace, converged: true, interrupted: false };
      if (options.signal?.aborted) return { trace, converged: false, interrupted: true };
      // No M-step after the last evaluation: the parameters kept are the ones the last entry measured.
      if (iter < options.maxIters) engine.maximize(prepared, warn);
    }
    return { trace, converged: false, interrupted: false };
  } finally {
    setValidation(validating);
  }
}

function chooseEngine(parts: ModelParts, data: Dataset, options: ResolvedEmOptions): EmEngine {
  const local = parts.params.filter((p) => p.locality === 'local');
  if (local.length > 0) {
    throw new EmError(`EM estimates global parameters; '${local[0]!.name}' is a per-row (local) parameter of the model: make it a local latent, or fit with --method map or svi`);
  }
  const dynamic = Object.values(data.columns).find((c) => c.dynamicBinarization);
  if (dynamic) {
    throw new EmError(`EM needs fixed data, but '${dynamic.spec.name}' is binarized dynamically (a fresh draw every batch): binarize with a fixed threshold (--binarize 0.5)`);
  }
  const discrete = discreteLatents(parts);
  if (typeof discrete !== 'string') return discreteEm(parts, discrete, data, options);
  const linear = linearGaussianStructure(parts);
  if (typeof linear !== 'string') return linearGaussianEm(parts, linear, recognizeLoadings(parts.graph, linear), data, options);
  return variationalEm(parts, data, `${discrete}; ${linear}`, { guide: options.guide, steps: options.variationalSteps, lr: options.gradientLr });
}

function resolveOptions(graph: ModelGraph, options: EmOptions): ResolvedEmOptions {
  const r: ResolvedEmOptions = {
    maxIters: options.maxIters ?? graph.infer.iters ?? DEFAULTS.maxIters,
    tolerance: options.tolerance ?? DEFAULTS.tolerance,
    // A resumed run continues one start.
    restarts: options.resume ? 1 : (options.restarts ?? DEFAULTS.restarts),
    seed: options.seed,
    varianceFloor: options.varianceFloor ?? DEFAULTS.varianceFloor,
    probabilityFloor: options.probabilityFloor ?? DEFAULTS.probabilityFloor,
    gradientSteps: options.gradientSteps ?? DEFAULTS.gradientSteps,
    gradientLr: options.gradientLr ?? DEFAULTS.gradientLr,
    variationalSteps: options.variationalSteps ?? DEFAULTS.variationalSteps,
    guide: options.guide,
    onProgress: options.onProgress,
    signal: options.signal,
    resume: options.resume,
  };
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new EmError(`EM option ${name} must be a positive integer, got ${v}`);
  };
  positiveInt('maxIters', r.maxIters);
  positiveInt('restarts', r.restarts);
  positiveInt('gradientSteps', r.gradientSteps);
  positiveInt('variationalSteps', r.variationalSteps);
  if (!Number.isInteger(r.seed)) throw new EmError(`EM option seed must be an integer, got ${r.seed}`);
  if (!(r.tolerance >= 0)) throw new EmError(`EM option tolerance must be a non-negative number, got ${r.tolerance}`);
  if (!(r.varianceFloor > 0)) throw new EmError(`EM option varianceFloor must be positive, got ${r.varianceFloor}`);
  if (!(r.probabilityFloor > 0 && r.probabilityFloor < 0.5)) throw new EmError(`EM option probabilityFloor must be in (0, 0.5), got ${r.probabilityFloor}`);
  if (!(r.gradientLr > 0)) throw new EmError(`EM option gradientLr must be positive, got ${r.gradientLr}`);
  return r;
}
