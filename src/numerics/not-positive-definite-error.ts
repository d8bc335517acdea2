/**
 * The error raised when a Cholesky factorization meets a matrix that is not positive definite.
 */

/** A matrix handed to `cholesky` is not (numerically) positive definite. */
export class NotPositiveDefiniteError extends Error {
  override readonly name = 'NotPositiveDefiniteError';

  /**
   * @param batchIndex index of the offending matrix within the batch dimensions ([] for a single matrix)
   * @param order order of the leading minor that is not positive (1-based, LAPACK's convention)
   */
  constructor(
    readonly batchIndex: readonly number[],
    readonly order: number,
  ) {
    const where = batchIndex.length === 0 ? 'the matrix' : `the matrix at batch index [${batchIndex.join(', ')}]`;
    super(`cholesky: ${where} is not positive definite (its leading minor of order ${order} is not positive)`);
  }
}
