// Kept, not tinybench: samples here are cold child processes and paired ratios, not tinybench's in-process task loop.
/** Order statistics for benchmark samples: medians and spreads that survive a noisy machine. */

export interface Summary {
  median: number;
  /** 25th and 75th percentiles (linear interpolation). */
  q1: number;
  q3: number;
  min: number;
  max: number;
  n: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    n: sorted.length,
  };
}

/** Interquartile range relative to the median, in percent: the spread column of the tables. */
export function relativeIqr(summary: Summary): number {
  return summary.median === 0 ? 0 : ((summary.q3 - summary.q1) / summary.median) * 100;
}
