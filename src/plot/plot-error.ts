/**
 * A picture was asked for with inputs that cannot be drawn (wrong lengths, non-finite values,
 * malformed DOT). The message names the argument and what is wrong with it; callers such as the
 * CLI report it as a user-facing error rather than a crash.
 */
export class PlotInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlotInputError';
  }
}
