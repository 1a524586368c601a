// Kept, not tinybench: it runs each task's iterations back to back, wall time only; this interleaves contenders
// round by round (so machine drift hits all alike), with GC between slices and an optional CPU-time clock.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** One thing to time: an async operation run back to back. */
export interface Contender {
  name: string;
  run: () => Promise<unknown>;
}

export interface InterleaveOptions {
  rounds: number;
  /** Sequential operations per contender per round. */
  opsPerSlice: number;
  /** Operations per contender before the first round (JIT warm-up), not recorded. */
  warmupOps: number;
  /**
   * What a slice is timed by. `cpu`: this process's CPU time (all threads, GC included), which time
   * the VM spends running other tenants does not inflate; only for work that never waits on I/O.
   */
  clock?: "wall" | "cpu";
}

/** Collects garbage between slices so no contender pays for another's allocations. */
const collectGarbage: () => void = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

async function slice(contender: Contender, ops: number, clock: "wall" | "cpu" = "wall"): Promise<number> {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < ops; i++) await contender.run();
  if (clock === "cpu") {
    const { user, system } = process.cpuUsage(cpuBefore);
    return ops / ((user + system) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return ops / seconds;
}

/**
 * Runs every contender for `opsPerSlice` operations per round, rotating the order each round, so
 * drift (thermal, other processes, GC debt) hits every contender alike. Returns ops/s per round.
 */
export async function interleave(
  contenders: readonly Contender[],
  options: InterleaveOptions,
  onRound?: (round: number) => void,
): Promise<Map<string, number[]>> {
  for (const contender of contenders) await slice(contender, options.warmupOps, options.clock);
  const samples = new Map(contenders.map((contender) => [contender.name, [] as number[]]));
  for (let round = 0; round < options.rounds; round++) {
    for (let offset = 0; offset < contenders.length; offset++) {
      const contender = contenders[(round + offset) % contenders.length] as Contender;
      collectGarbage();
      samples.get(contender.name)?.push(await slice(contender, options.opsPerSlice, options.clock));
    }
    onRound?.(round);
  }
  return samples;
}

/** Per-round ratio of each contender to a baseline measured in the same round. */
export function pairedRatios(samples: Map<string, number[]>, baseline: string): Map<string, number[]> {
  const base = samples.get(baseline) ?? [];
  return new Map(
    [...samples].map(([name, values]) => [name, values.map((value, round) => value / (base[round] ?? Number.NaN))]),
  );
}
