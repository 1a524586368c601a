import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createPrimeIntellectClient } from "@specsdk/primeintellect";
import { formatBytes, markdownTable } from "../shared/format.js";
import type { SectionOptions, SectionResult } from "../shared/section.js";
import { startChildServer } from "./child-server.js";

const collectGarbage: () => void = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

function heapAfterGc(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * Sustained throughput through one client whose rate limit matches a server that enforces it:
 * `calls` deletes queued at once behind the limit (50 per second, Prime Intellect's 100 per 60 s
 * scaled down), measured for `seconds`, then the rest aborted through their shared signal.
 * Goals: ≥ 0.95× the limit, no 429, heap not growing while the queue drains (nor after the abort).
 */
export async function throughputSection(options: SectionOptions): Promise<SectionResult> {
  const calls = options.quick ? 1_000 : 10_000;
  const seconds = options.quick ? 5 : 30;
  const limit = { requests: 50, perMilliseconds: 1000 };
  const server = await startChildServer(options.root, "rate-limited-server.ts", [
    String(limit.requests),
    String(limit.perMilliseconds),
  ]);
  let counts: { ok: number; rejected: number } = { ok: 0, rejected: 0 };
  const heap: [string, number][] = [];
  let completed = 0;
  let aborted = 0;
  try {
    const client = createPrimeIntellectClient({ apiKey: "k", baseUrl: server.url, rateLimit: limit, maxRetries: 0 });
    const controller = new AbortController();
    heap.push(["before queueing", heapAfterGc()]);
    let done = 0;
    const all = Array.from({ length: calls }, (_, i) =>
      client.deleteUserImage({ image_name: `img-${i}`, image_tag: "v1" }, { signal: controller.signal }).then(() => {
        done++;
      }),
    );
    heap.push([`${calls.toLocaleString("en-US")} calls queued`, heapAfterGc()]);
    const started = performance.now();
    for (let second = 1; second <= seconds; second++) {
      await new Promise((resolve) => setTimeout(resolve, started + second * 1000 - performance.now()));
      if (second % Math.ceil(seconds / 3) === 0 || second === seconds) {
        heap.push([`after ${second} s (${done} done)`, heapAfterGc()]);
      }
    }
    completed = done;
    controller.abort();
    const settled = await Promise.allSettled(all);
    aborted = settled.filter((result) => result.status === "rejected").length;
    heap.push([`the other ${aborted.toLocaleString("en-US")} aborted`, heapAfterGc()]);
  } finally {
    counts = JSON.parse(await server.stop()) as typeof counts;
  }
  const perSecond = completed / seconds;
  const allowed = (limit.requests * 1000) / limit.perMilliseconds;
  const ratio = perSecond / allowed;
  const table = markdownTable(
    ["queued", "limit", "measured for", "completed", "calls/s", "× limit", "200", "429"],
    [
      [
        calls.toLocaleString("en-US"),
        `${limit.requests} per ${limit.perMilliseconds} ms`,
        `${seconds} s`,
        completed.toLocaleString("en-US"),
        perSecond.toFixed(1),
        `${ratio.toFixed(3)}×`,
        String(counts.ok),
        String(counts.rejected),
      ],
    ],
  );
  const heapTable = markdownTable(
    ["moment", "heap used (after GC)"],
    heap.map(([moment, bytes]) => [moment, formatBytes(bytes)]),
  );
  // Flat: once the first window's connections are open, the heap does not grow with calls served
  // (5 % for GC noise), and aborting the queue gives back what queueing took.
  const queued = heap[1]?.[1] ?? 0;
  const draining = heap.slice(2, -1).map(([, bytes]) => bytes);
  const flat =
    draining.every((bytes) => bytes <= (draining[0] ?? 0) * 1.05) && (heap.at(-1)?.[1] ?? Infinity) <= queued;
  const verdict = `Goals: ≥ 0.95× the limit — ${ratio >= 0.95 ? "met" : "**not met**"}; 0 × 429 — ${counts.rejected === 0 ? "met" : "**not met**"}; memory flat while the queue drains (within 5 % of the first sample) and back below the queued level after the abort — ${flat ? "met" : "**not met**"}.`;
  return {
    id: "throughput",
    console: `${table}\n\n${heapTable}\n\n${verdict}`,
    markdown: [
      `One Prime Intellect client, its \`rateLimit\` set to what a server in another process enforces (a sliding window answering 429 beyond the limit); ${calls.toLocaleString("en-US")} \`deleteUserImage\` calls queued at once over loopback, sharing one \`AbortSignal\`, \`maxRetries: 0\` (a 429 would fail a call, not hide behind a retry). Measured for ${seconds} s, then the signal aborts the calls still queued. A slot is held until a full window after its response (rate-limiter.ts), so the best possible rate is just under the limit.`,
      "",
      table,
      "",
      heapTable,
      "",
      verdict,
    ].join("\n"),
  };
}
