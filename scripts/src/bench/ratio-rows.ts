import { formatCount, formatRatio } from "./format.js";
import { pairedRatios } from "./interleave.js";
import { relativeIqr, summarize } from "./stats.js";

/**
 * Table rows for contenders measured in interleaved rounds: contender, median rate, IQR, min–max,
 * median paired ratio to the baseline, ratio IQR. `scale` turns each sample into the rate shown
 * (e.g. operations per second × calls per operation); ratios do not depend on it.
 */
export function ratioRows(samples: Map<string, number[]>, baseline: string, scale = 1): string[][] {
  const ratios = pairedRatios(samples, baseline);
  return [...samples].map(([name, values]) => {
    const rate = summarize(values.map((value) => value * scale));
    const ratio = summarize(ratios.get(name) ?? []);
    return [
      name,
      formatCount(rate.median),
      `±${relativeIqr(rate).toFixed(1)} %`,
      `${formatCount(rate.min)}–${formatCount(rate.max)}`,
      formatRatio(ratio.median),
      `${ratio.q1.toFixed(2)}–${ratio.q3.toFixed(2)}`,
    ];
  });
}
