import { markdownTable } from "../shared/format.js";
import { type Contender, interleave } from "../shared/interleave.js";
import { ratioHeader, ratioRows } from "../shared/ratio-rows.js";
import type { SectionOptions, SectionResult } from "../shared/section.js";
import { primeIntellectContenders } from "./call-contenders.js";
import { startChildServer } from "./child-server.js";

const NAMES = ["raw fetch", "openapi-fetch", "ours raw (DELETE)", "ours named (deleteUserImage)"];
/** The goal is parity with bare openapi-fetch; a hand-written fetch is the limit. */
const BASELINES = ["openapi-fetch", "raw fetch"];

/** N calls split over `concurrency` workers, each calling back to back: one "operation" of the interleave. */
function concurrently(contender: Contender, calls: number, concurrency: number): Contender {
  return {
    name: contender.name,
    run: () =>
      Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = 0; i < calls / concurrency; i++) await contender.run();
        }),
      ),
  };
}

const HEADER = ratioHeader("calls/s", BASELINES);

/** §2: real sockets. Sequential and concurrent calls to a node:http server on 127.0.0.1, interleaved rounds. */
export async function loopbackSection(options: SectionOptions): Promise<SectionResult> {
  const rounds = options.quick ? 3 : 9;
  const sequentialCalls = options.quick ? 100 : 500;
  const concurrentCalls = options.quick ? 256 : 2048;
  const concurrency = 32;
  const server = await startChildServer(options.root, "loopback-server.ts");
  try {
    const contenders = primeIntellectContenders(server.url, (input, init) => fetch(input, init)).filter((contender) =>
      NAMES.includes(contender.name),
    );
    for (const contender of contenders) await contender.run();
    options.log(`loopback: sequential, ${rounds} rounds`);
    const sequential = await interleave(
      contenders.map((contender) => ({
        name: contender.name,
        run: async () => {
          for (let i = 0; i < sequentialCalls; i++) await contender.run();
        },
      })),
      { rounds, opsPerSlice: 1, warmupOps: 1 },
    );
    options.log(`loopback: concurrent, ${rounds} rounds`);
    const concurrent = await interleave(
      contenders.map((contender) => concurrently(contender, concurrentCalls, concurrency)),
      { rounds, opsPerSlice: 1, warmupOps: 1 },
    );
    const sequentialRows = ratioRows(sequential, BASELINES, sequentialCalls);
    const concurrentRows = ratioRows(concurrent, BASELINES, concurrentCalls);
    const md = [
      `Prime Intellect \`DELETE\` against a node:http server on 127.0.0.1 (random port, its own process, keep-alive), real \`fetch\` (undici). ${rounds} interleaved rounds; each round is ${sequentialCalls} sequential calls, or ${concurrentCalls} calls by ${concurrency} concurrent workers. Ours: \`rateLimit: false\`, default retries and timeout.`,
      "",
      `**${sequentialCalls} sequential calls**`,
      "",
      markdownTable(HEADER, sequentialRows),
      "",
      `**${concurrentCalls} calls, ${concurrency} at a time**`,
      "",
      markdownTable(HEADER, concurrentRows),
    ];
    return {
      id: "loopback",
      console: [
        "sequential",
        markdownTable(HEADER, sequentialRows),
        "",
        `concurrent (${concurrency})`,
        markdownTable(HEADER, concurrentRows),
      ].join("\n"),
      markdown: md.join("\n"),
    };
  } finally {
    await server.stop();
  }
}
