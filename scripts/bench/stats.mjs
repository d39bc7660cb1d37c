// Small statistics helpers for the benchmark reports.

/** The value at percentile `p` (0..100) of `values`, nearest-rank; NaN for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (values) => percentile(values, 50);

/** Rounds to `digits` decimals for display. */
export const round = (value, digits = 1) => Number(value.toFixed(digits));
