/** Error reporting: user errors exit 1 with their message, internal errors exit 2 and ask to be reported. */
import { describe, expect, it } from 'vitest';
import { describeError, UsageError, UserError } from '../../src/cli/index.js';
import { InternalError } from '../../src/lang/diagnostics.js';
import { SetupError } from '../../src/inference/setup.js';
import { NonFiniteError } from '../../src/inference/fit/non-finite.js';

describe('describeError', () => {
  it('usage errors point at the command help', () => {
    expect(describeError(new UsageError('--iters expects an integer', 'fit'), false)).toEqual({
      text: "error: --iters expects an integer\n(see 'vmodel fit --help')\n",
      code: 1,
    });
  });

  it('rendered user errors are printed as they are', () => {
    expect(describeError(new UserError('error[D0003]: x.csv, row 1, column \'y\': …\n'), false)).toEqual({ text: "error[D0003]: x.csv, row 1, column 'y': …\n", code: 1 });
  });

  it('engine errors about the user\'s input exit 1; a non-finite fit prints its diagnosis', () => {
    expect(describeError(new SetupError("unknown guide 'q'"), false)).toEqual({ text: "error: unknown guide 'q'\n", code: 1 });
    const nonFinite = describeError(new NonFiniteError('the objective became NaN at step 12', 'non-finite log-density at:\n  p:y (line 9): NaN'), false);
    expect(nonFinite.code).toBe(1);
    expect(nonFinite.text).toBe('error: the objective became NaN at step 12\nnon-finite log-density at:\n  p:y (line 9): NaN\n');
  });

  it('anything else is internal: exit 2, asks for a report, stack only with --debug', () => {
    const plain = describeError(new TypeError('x is undefined'), false);
    expect(plain.code).toBe(2);
    expect(plain.text).toMatch(/^internal error: x is undefined; please report this/);
    expect(plain.text).toContain('--debug');
    expect(plain.text).not.toMatch(/\n +at /);
    const debug = describeError(new InternalError('compiler crashed on m.vmodel: boom'), true);
    expect(debug.code).toBe(2);
    expect(debug.text).toContain('compiler crashed on m.vmodel: boom');
    expect(debug.text).toMatch(/\n {4}at /);
    expect(describeError('a string', false).code).toBe(2);
  });
});
