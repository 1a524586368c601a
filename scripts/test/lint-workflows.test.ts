import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../src/shared/repo-paths.js";
import { runLintWorkflows } from "../src/workflows/run-lint-workflows.js";

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
        .replace("secrets.RELEASE_APP_PRIVATE_KEY }}", "secret.RELEASE_APP_PRIVATE_KEY }}"),
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
    // .ci/run's changeset:check compares a pull request with origin/main: the checkout must have it.
    const checkout = job.steps.find((step: { uses?: string }) => step.uses?.startsWith("actions/checkout@"));
    expect(checkout.with?.["fetch-depth"]).toBe(0);
    expect(await readFile(join(repoRoot, ".ci/run"), "utf8")).toMatch(/^pnpm changeset:check \|\| fail /m);
  });

  it("release.yml runs after CI succeeded on main, for the commit CI checked, while it is main's tip", async () => {
    const ci = parse(await readFile(workflow("ci.yml"), "utf8"));
    const release = parse(await readFile(workflow("release.yml"), "utf8"));
    expect(release.on).toEqual({ workflow_run: { workflows: [ci.name], types: ["completed"], branches: ["main"] } });
    const job = release.jobs.release;
    for (const condition of [
      "github.event.workflow_run.conclusion == 'success'",
      "github.event.workflow_run.event == 'push'",
      "github.event.workflow_run.head_repository.full_name == github.repository",
      "github.event.workflow_run.head_sha == github.sha",
    ]) {
      expect(job.if).toContain(condition);
    }
    const checkout = job.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout.with.ref).toMatch(/^\$\{\{ github\.event\.workflow_run\.head_sha \}\}$/);
    expect(checkout.with["persist-credentials"]).toBe(false);
  });

  it("release.yml publishes through npm trusted publishing with provenance, and no npm token", async () => {
    const release = parse(await readFile(workflow("release.yml"), "utf8"));
    expect(release.permissions["id-token"]).toBe("write");
    const steps = release.jobs.release.steps as { uses?: string; run?: string; with?: any; env?: any }[];
    for (const env of [release.env, release.jobs.release.env, ...steps.map((s) => s.env)]) {
      expect(Object.keys(env ?? {})).not.toContain("NPM_TOKEN");
      expect(Object.keys(env ?? {})).not.toContain("NODE_AUTH_TOKEN");
    }
    // setup-node's registry-url writes an .npmrc with a placeholder token.
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with["registry-url"]).toBeUndefined();
    expect(steps.find((s) => s.run?.includes("npm install --global --no-audit --no-fund npm@11"))).toBeDefined();
    const changesets = steps.find((s) => s.uses?.startsWith("changesets/action@"));
    expect(changesets?.with.publish).toBe("pnpm release");
    expect(changesets?.env.NPM_CONFIG_PROVENANCE).toBe("true");
  });

  it("release.yml opens the Release PR as a GitHub App when one is set up, else with GITHUB_TOKEN", async () => {
    const release = parse(await readFile(workflow("release.yml"), "utf8"));
    const job = release.jobs.release;
    const steps = job.steps as { id?: string; uses?: string; if?: string; with?: any; env?: any }[];
    const app = steps.find((s) => s.uses?.startsWith("actions/create-github-app-token@"));
    expect(app?.if).toBe("env.HAS_RELEASE_APP == 'true'");
    expect(app?.with["private-key"]).toMatch(/^\$\{\{ secrets\.RELEASE_APP_PRIVATE_KEY \}\}$/);
    expect(job.env.HAS_RELEASE_APP).toContain("secrets.RELEASE_APP_CLIENT_ID != ''");
    const changesets = steps.find((s) => s.uses?.startsWith("changesets/action@"));
    expect(changesets?.env.GITHUB_TOKEN).toBe(`\${{ steps.${app?.id}.outputs.token || secrets.GITHUB_TOKEN }}`);
  });

  it("dependabot.yml updates the pnpm workspace and the workflows' actions weekly", async () => {
    const dependabot = parse(await readFile(join(root, ".github/dependabot.yml"), "utf8"));
    expect(dependabot.version).toBe(2);
    const updates = dependabot.updates as { "package-ecosystem": string; directory: string; schedule: any }[];
    expect(updates.map((u) => [u["package-ecosystem"], u.directory, u.schedule.interval])).toEqual([
      ["npm", "/", "weekly"],
      ["github-actions", "/", "weekly"],
    ]);
  });
});
