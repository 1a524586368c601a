import { readdir } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { benchChild } from "../shared/bench-child.js";
import { headCommit, installedClone } from "../shared/clone.js";
import type { SectionOptions, SectionResult } from "../shared/section.js";
import { CORPUS_PACKAGE, type CorpusProvider, corpusDir, corpusProviders } from "./scale-corpus.js";
import {
  addProvider,
  clearGenerated,
  commitAll,
  failedPackages,
  type PnpmRun,
  pnpm,
  pnpmOrThrow,
  removeProvider,
  timed,
} from "./scale-repo.js";
import { type Rejected, type Step, scaleReport, stepLine } from "./scale-report.js";

const COLD = ["build", "--force"];

async function repeat(rounds: number, once: () => Promise<PnpmRun>): Promise<PnpmRun[]> {
  const runs: PnpmRun[] = [];
  for (let round = 0; round < rounds; round++) runs.push(await once());
  return runs;
}

/**
 * §9: a monorepo with 10, 50 and 100 providers. In a fresh clone (so the working tree is untouched),
 * real public specs from the corpus become providers, committed as a real repo has them; the clone's
 * own generator vets each one, and a spec it rejects, or whose package does not build, is replaced by
 * the next. Then `generate`, `generate --check`, cold and warm `pnpm build` are timed. The counts grow
 * in the same clone: 50 includes the 10.
 */
export async function scaleSection(options: SectionOptions): Promise<SectionResult> {
  const { root, log } = options;
  const counts = options.quick ? [4, 8] : [10, 50, 100];
  const rounds = options.rounds ?? (options.quick ? 1 : 3);
  const loadBefore = loadavg();
  log(`scale: corpus ${CORPUS_PACKAGE}`);
  const api = await corpusDir(root);
  log("scale: cloning and installing");
  const clone = await installedClone(root, "scale", await headCommit(root));
  const dir = clone.dir;
  try {
    const own = (await readdir(join(dir, "specs"))).filter((file) => file.endsWith(".yaml")).length;
    const taken = new Set([...(await readdir(join(dir, "packages"))), "scripts"]);
    const pool = (await corpusProviders(api, taken)).values();
    const chosen: CorpusProvider[] = [];
    const rejected: Rejected[] = [];

    // Adds corpus providers until the repo has `target`, skipping any the generator rejects.
    const fill = async (target: number) => {
      while (own + chosen.length < target) {
        const batch: CorpusProvider[] = [];
        while (batch.length < target - own - chosen.length) {
          const next = pool.next();
          if (next.done) throw new Error(`scale: the corpus ran out of usable specs at ${own + chosen.length}`);
          batch.push(next.value);
        }
        for (const provider of batch) await addProvider(dir, provider);
        const { failed } = await benchChild<{ failed: Record<string, string> }>(root, "scale/scale-vet-child.ts", [
          dir,
          ...batch.map((provider) => provider.name),
        ]);
        for (const provider of batch) {
          const reason = failed[provider.name];
          if (reason === undefined) chosen.push(provider);
          else {
            rejected.push({ source: provider.source, stage: "generate", reason });
            await removeProvider(dir, provider.name);
          }
        }
      }
    };

    const steps: Step[] = [];
    for (const target of counts) {
      const load = loadavg()[0] as number;
      let first: PnpmRun;
      // Until every package builds: a corpus package that fails to build is swapped for the next spec.
      // A cached build, so only what is new is compiled; the cold builds come after.
      for (;;) {
        await fill(target);
        for (const provider of chosen) await clearGenerated(dir, provider.name);
        log(`scale: ${target} providers, first pnpm generate`);
        first = await pnpmOrThrow(dir, ["generate"]);
        await pnpmOrThrow(dir, ["install", "--no-frozen-lockfile", "--prefer-offline", "--reporter=silent"]);
        await commitAll(dir, `bench: ${target} providers`);
        log(`scale: ${target} providers, building what is new`);
        const run = await pnpm(dir, ["build", "--continue", "--summarize", "--output-logs=errors-only"]);
        const broken = await failedPackages(dir);
        if (run.code === 0 && broken.size === 0) break;
        const bad = chosen.filter((provider) => broken.has(`@bench/${provider.name}`));
        if (bad.length === 0)
          throw new Error(`scale: pnpm build failed outside the corpus:\n${run.output.slice(-3000)}`);
        for (const provider of bad) {
          const errors = run.output.split("\n").filter((line) => line.includes(provider.name) && /error/i.test(line));
          rejected.push({ source: provider.source, stage: "build", reason: errors.slice(0, 2).join(" ").trim() });
          chosen.splice(chosen.indexOf(provider), 1);
          await removeProvider(dir, provider.name);
        }
      }
      // A cold build of 50+ providers takes minutes: two runs there, three where it is cheap.
      const cold: PnpmRun[] = [];
      for (let round = 1; round <= (target >= 50 ? Math.min(rounds, 2) : rounds); round++) {
        log(`scale: ${target} providers, cold pnpm build ${round}`);
        cold.push(await pnpmOrThrow(dir, COLD));
      }
      log(`scale: ${target} providers, generate --check ×${rounds}, warm build ×${Math.max(rounds, 5)}`);
      const check = await repeat(rounds, () => pnpmOrThrow(dir, ["generate", "--check"]));
      const warm = await repeat(Math.max(rounds, 5), () => pnpmOrThrow(dir, ["build"]));
      // The same warm run without pnpm in front: how much of it is pnpm's own start-up.
      const turbo = join(dir, "node_modules/.bin/turbo");
      const warmTurbo = await repeat(Math.max(rounds, 5), () => timed(dir, turbo, ["run", "build"]));
      // One provider's two turbo tasks alone, as turbo starts them (`pnpm run <task>` in the package).
      const sample = join(dir, "packages", (chosen[0] as CorpusProvider).name);
      const generateTask = await repeat(rounds, () => pnpmOrThrow(sample, ["run", "generate"]));
      const buildTask = await repeat(rounds, () => pnpmOrThrow(sample, ["run", "build"]));
      steps.push({
        providers: own + chosen.length,
        operations: chosen.reduce((sum, provider) => sum + provider.operations, 0),
        load,
        first,
        check,
        cold,
        warm,
        warmTurbo,
        generateTask,
        buildTask,
      });
      // Printed as soon as a count is done, so a run cut short still leaves its numbers.
      log(`scale: ${stepLine(steps.at(-1) as Step)}`);
    }
    const pnpmStartup = await repeat(rounds, () => pnpmOrThrow(dir, ["--version"]));
    const sample = (chosen[0] as CorpusProvider).source;
    return scaleReport({ steps, rejected, own, rounds, sample, pnpmStartup, loads: [loadBefore, loadavg()] });
  } finally {
    await clone.dispose();
  }
}
