import { formatCount, formatRatio } from "./format.js";
import { pairedRatios } from "./interleave.js";
import { relativeIqr, summarize } from "./stats.js";

/**
 * Table rows for contenders measured in interleaved rounds: contender, median rate, IQR, min–max,
 * then per baseline the median paired ratio to it and that ratio's IQR. `scale` turns each sample into the rate shown
 * (e.g. operations per second × calls per operation); ratios do not depend on it.
 */
export function ratioRows(samples: Map<string, number[]>, baselines: readonly string[], scale = 1): string[][] {
  const ratios = baselines.map((baseline) => pairedRatios(samples, baseline));
  return [...samples].map(([name, values]) => {
    const rate = summarize(values.map((value) => value * scale));
    return [
      name,
      formatCount(rate.median),
      `±${relativeIqr(rate).toFixed(1)} %`,
      `${formatCount(rate.min)}–${formatCount(rate.max)}`,
      ...ratios.flatMap((byName) => {
        const ratio = summarize(byName.get(name) ?? []);
        return [formatRatio(ratio.median), `${ratio.q1.toFixed(2)}–${ratio.q3.toFixed(2)}`];
      }),
    ];
  });
}

/** The header of ratioRows' table, for these baselines. */
export function ratioHeader(rate: string, baselines: readonly string[]): string[] {
  return [
    "contender",
    `${rate} (median)`,
    "IQR",
    "min–max",
    ...baselines.flatMap((name) => [`× ${name}`, "ratio IQR"]),
  ];
}
