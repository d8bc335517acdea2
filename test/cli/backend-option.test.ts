/** The CLI's default WASM thread count follows the model: all cores for networks, else one. */
import { describe, expect, it } from 'vitest';
import { threadsFor } from '../../src/cli/backend-option.js';
import { availableThreads } from '../../src/runtime/threads.js';
import { compileModel } from '../inference/helpers.js';

describe('threadsFor', () => {
  it('gives a model with networks the cores available (at most 8) and any other model one thread', () => {
    expect(threadsFor(compileModel('models/vae.vmodel'))).toBe(availableThreads());
    expect(threadsFor(compileModel('models/blr.vmodel'))).toBe(1);
    expect(threadsFor(compileModel('models/gmm.vmodel'))).toBe(1);
  });
});
