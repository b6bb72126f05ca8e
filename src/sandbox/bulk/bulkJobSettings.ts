/** How Bulk 2.0 jobs of the sandbox behave (from the sandbox options). */
export interface BulkJobSettings {
  /** Time a job spends `InProgress` before it is processed, in ms. */
  readonly processingDelayMs: number;
  /** After how many records the job fails, when a fault rule says so. */
  readonly failAfter: number | undefined;
  /** A per-record error to inject, asked once per record. */
  readonly recordError: () => string | undefined;
}
