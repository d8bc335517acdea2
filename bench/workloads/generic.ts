/** The record of a workload that is not a VAE training run: named metrics and notes. */
export interface GenericResult {
  readonly kind: 'generic';
  /** Metric name → value; the name carries the unit (`seconds_to_converge`, `ms_per_iteration`). */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly notes: readonly string[];
  readonly peakRssMb: number;
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}
