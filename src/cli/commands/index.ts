/**
 * The commands of `vmodel`: each module exports its option table (`…Spec`, which drives parsing
 * and `--help`) and the function that runs it.
 */
export { checkCommand, checkSpec } from './check.js';
export { compareCommand, compareSpec } from './compare.js';
export { evalCommand, evalSpec } from './eval.js';
export { explainCommand, explainSpec } from './explain.js';
export { fitCommand, fitSpec } from './fit.js';
export { graphCommand, graphSpec } from './graph.js';
export { sampleCommand, sampleSpec } from './sample.js';
