import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchChild } from "../shared/bench-child.js";
import { markdownTable } from "../shared/format.js";
import { type Contender, interleave } from "../shared/interleave.js";
import { ratioHeader, ratioRows } from "../shared/ratio-rows.js";
import type { SectionOptions, SectionResult } from "../shared/section.js";
import { type BaseCore, modelsLabContenders, primeIntellectContenders } from "./call-contenders.js";
import { coreAtRevision } from "./core-at-revision.js";
import { readProfile, summarizeProfile } from "./cpu-profile.js";
import { stubFetch } from "./stub-fetch.js";

const BASE_URL = "https://api.test.local";
/** The goal is parity with bare openapi-fetch; raw fetch is shown as the limit. */
const BASELINES = ["openapi-fetch", "raw fetch"];

interface ProviderRun {
  provider: string;
  label: string;
  contenders: Contender[];
}

function providerRuns(base: BaseCore | undefined): ProviderRun[] {
  return [
    {
      provider: "primeintellect",
      label: "Prime Intellect `DELETE /api/v1/images/{image_name}/{image_tag}` (bearer header, no body)",
      contenders: primeIntellectContenders(BASE_URL, stubFetch, base),
    },
    {
      provider: "modelslab",
      label: "ModelsLab `POST /delete_image` (key injected into the JSON body; POST marked idempotent, so retryable)",
      contenders: modelsLabContenders(BASE_URL, stubFetch, base),
    },
  ];
}

const HEADER = ratioHeader("ops per CPU-s", BASELINES);

/** Runs one contender alone under `node --cpu-prof` and returns its heaviest frames as a table. */
async function profileContender(root: string, provider: string, name: string, ops: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "specsdk-prof-"));
  try {
    await benchChild(
      root,
      "runtime/profile-target.ts",
      [provider, name, String(ops)],
      ["--cpu-prof", "--cpu-prof-dir", dir],
    );
    const files = await Promise.all(
      (await readdir(dir)).map(async (file) => ({ file, size: (await stat(join(dir, file))).size })),
    );
    // The loader's worker thread writes a small profile too; the main thread's is the big one.
    const main = files.sort((a, b) => b.size - a.size)[0];
    if (!main) return "(no profile written)";
    const frames = summarizeProfile(await readProfile(join(dir, main.file))).filter(
      (frame) => !/esm\/hooks|modules\/esm|worker\/|^\(idle\)/.test(frame.frame),
    );
    const top = frames.slice(0, 12);
    const ours = frames
      .filter((frame) => /packages\/core/.test(frame.frame))
      .sort((a, b) => b.totalPercent - a.totalPercent)
      .slice(0, 6);
    const rows = [...top, ...ours.filter((frame) => !top.includes(frame))].map((frame) => [
      `\`${frame.frame}\``,
      `${frame.selfPercent.toFixed(1)} %`,
      `${frame.totalPercent.toFixed(1)} %`,
    ]);
    return markdownTable(["frame (self-time order; then our heaviest inclusive)", "self", "inclusive"], rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What one contender costs when it has the process to itself: ops per CPU-second of a child process. */
async function aloneInProcess(root: string, provider: string, name: string, ops: number, warmup: number) {
  const { cpuMicrosPerCall } = await benchChild<{ cpuMicrosPerCall: number }>(root, "runtime/profile-target.ts", [
    provider,
    name,
    String(ops),
    String(warmup),
  ]);
  return 1e6 / cpuMicrosPerCall;
}

/**
 * Each contender in its own child process, rounds interleaved (order rotated): what an app that
 * uses one client sees, with no other client's calls sharing (and de-optimizing) the JIT's view of
 * openapi-fetch and undici, and no forced GC between slices.
 */
async function oneProcessEach(root: string, provider: string, names: string[], rounds: number) {
  const samples = new Map(names.map((name) => [name, [] as number[]]));
  for (let round = 0; round < rounds; round++) {
    for (let offset = 0; offset < names.length; offset++) {
      const name = names[(round + offset) % names.length] as string;
      samples.get(name)?.push(await aloneInProcess(root, provider, name, 20_000, 5_000));
    }
  }
  return samples;
}

/** §1: per-call overhead in-process against a stubbed fetch, interleaved rounds, paired ratios. */
export async function callOverheadSection(options: SectionOptions): Promise<SectionResult> {
  const rounds = options.quick ? 3 : 15;
  const opsPerSlice = options.quick ? 200 : 1000;
  const warmupOps = options.quick ? 200 : 2000;
  const aloneRounds = 5;
  const md: string[] = [
    `Stubbed \`fetch\` resolving at once with a small JSON body (\`Response.json\`), ${rounds} rounds × ${opsPerSlice} sequential calls per contender, order rotated each round, GC between slices. Each slice is timed by the process's **CPU time** (\`process.cpuUsage\`, all threads, GC included): nothing here waits on I/O, and CPU time is not inflated when the shared VM runs someone else (wall-clock ratios on this machine swung ±30 %). Ratios are paired per round (each contender ÷ raw fetch in the same round), then the median is taken. Ours: \`rateLimit: false\`, default retries (2) and timeout (60 s) unless the name says otherwise, so the transport's timeout/retry path is what is measured.`,
    "",
    "Under each table, the same contenders once more, each alone in a child process of its own (rounds interleaved, order rotated): in one process, every client's calls run through the same openapi-fetch and undici functions, so the JIT sees them all (a contender pays for the others' shapes), and the forced GC before each slice leaves background sweeping that the next slice is charged for. An app with one client looks like the second table.",
  ];
  const out: string[] = [];
  let base: BaseCore | undefined;
  if (options.base) {
    const core = await coreAtRevision(options.root, options.base);
    const short = core.sha.slice(0, 7);
    const label = core.sha.startsWith(options.base) ? short : `${options.base} (${short})`;
    base = { label, createProviderClient: core.createProviderClient };
    md.push(
      "",
      `\`ours named @${base.label}\` is core's runtime as of that revision, built and loaded next to the current one (\`--base ${options.base}\`).`,
    );
  }
  for (const { provider, label, contenders } of providerRuns(base)) {
    for (const contender of contenders) await contender.run(); // fail fast if one is broken
    options.log(`calls: ${provider}: ${rounds} rounds`);
    const samples = await interleave(contenders, { rounds, opsPerSlice, warmupOps, clock: "cpu" });
    const rows = ratioRows(samples, BASELINES);
    md.push("", `**${label}**`, "", markdownTable(HEADER, rows));
    out.push(`${provider}`, markdownTable(HEADER, rows), "");
    if (!options.quick) {
      const names = contenders.map((contender) => contender.name).filter((name) => !name.includes("@"));
      options.log(`calls: ${provider}: one process per contender, ${aloneRounds} rounds`);
      const alone = ratioRows(await oneProcessEach(options.root, provider, names, aloneRounds), BASELINES);
      md.push(
        "",
        `One process per contender (${aloneRounds} rounds, 5,000 warm-up + 20,000 timed calls each):`,
        "",
        markdownTable(HEADER, alone),
      );
      out.push(`${provider}, one process per contender`, markdownTable(HEADER, alone), "");
    }
  }
  if (!options.quick && !options.noProfile) {
    const ops = 20_000;
    md.push(
      "",
      `CPU profiles (\`node --cpu-prof\`, one contender alone, ${ops.toLocaleString("en-US")} calls; self = time in the function itself, inclusive = with its synchronous callees):`,
    );
    for (const [provider, name] of [
      ["primeintellect", "openapi-fetch"],
      ["primeintellect", "ours named (deleteUserImage)"],
      ["modelslab", "ours named (deleteImage)"],
    ] as const) {
      options.log(`calls: profiling ${provider} ${name}`);
      md.push(
        "",
        `<details><summary>${provider}: ${name}</summary>`,
        "",
        await profileContender(options.root, provider, name, ops),
        "",
        "</details>",
      );
    }
  }
  return { id: "calls", console: out.join("\n"), markdown: md.join("\n") };
}
