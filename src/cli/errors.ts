/**
 * The CLI's error kinds and exit codes: 0 success, 1 a user error (bad flags, model, data, guide),
 * 2 an internal error (a bug in vmodel). User errors are printed as their message alone; internal
 * errors ask to be reported and show the stack only with `--debug`.
 */
import { InternalError } from '../lang/diagnostics.js';

export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;

/** A mistake on the command line: printed with a pointer to the command's `--help`. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

/** A user error whose message is already fully rendered (compiler or data diagnostics, a changed model file). */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** Error classes from other modules that mean "the user's input is wrong", by name so that this module imports none of them. */
const USER_ERROR_NAMES = new Set(['SetupError', 'NonFiniteError', 'BackendError', 'DistributionError', 'PlotInputError']);

/** Whether `e` is the user's fault (exit 1) rather than a bug (exit 2). */
export function isUserError(e: unknown): boolean {
  if (e instanceof InternalError) return false;
  return e instanceof UsageError || e instanceof UserError || (e instanceof Error && USER_ERROR_NAMES.has(e.name));
}

/** The text printed for an error, and its exit code. */
export function describeError(e: unknown, debug: boolean): { text: string; code: number } {
  if (e instanceof UsageError) {
    const help = e.command ? `vmodel ${e.command} --help` : 'vmodel --help';
    return { text: `error: ${e.message}\n(see '${help}')\n`, code: EXIT_USER };
  }
  if (isUserError(e)) {
    const err = e as Error & { diagnosis?: string };
    const body = err instanceof UserError ? err.message : `error: ${err.message}`;
    // A NonFiniteError carries its diagnosis: which sites and gradients went non-finite.
    const diagnosis = typeof err.diagnosis === 'string' && err.diagnosis ? `\n${err.diagnosis}` : '';
    return { text: `${body.trimEnd()}${diagnosis}\n`, code: EXIT_USER };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const stack = debug && err.stack ? `\n${err.stack}` : '\n(run with --debug for the stack trace)';
  return { text: `internal error: ${err.message}; please report this at the vmodel issue tracker${stack}\n`, code: EXIT_INTERNAL };
}
