import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseBaseline, lastTag } from "../src/changeset/baseline.js";
import { git, initGitRepo } from "./git-repo.js";

// Which release a package is compared with when the registry has none: its last tag, else the base.

let root: string;
const pkg = { name: "@specsdk/example", dir: "example", version: "0.2.0" };
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "specsdk-baseline-test-"));
  await writeFile(join(root, "README.md"), "x\n");
  await initGitRepo(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("baseline choice (registry off)", () => {
  it("no tag and no origin/main: HEAD", async () => {
    expect(await chooseBaseline(pkg, { root, registry: false }, root)).toEqual({
      kind: "git",
      rev: "HEAD",
      why: "base",
      specRev: "HEAD",
    });
  });

  it("the newest tag of the package by version, not another package's", async () => {
    for (const tag of [
      "@specsdk/example@0.1.0",
      "@specsdk/example@0.10.0",
      "@specsdk/example@0.9.1",
      "@specsdk/other@1.0.0",
    ])
      await git(root, "tag", tag);
    expect(await lastTag(root, pkg.name)).toBe("@specsdk/example@0.10.0");
    expect(await chooseBaseline(pkg, { root, registry: false }, root)).toMatchObject({
      kind: "git",
      rev: "@specsdk/example@0.10.0",
      why: "tag",
    });
  });

  it("an explicit --base wins over tags", async () => {
    expect(await chooseBaseline(pkg, { root, base: "HEAD", registry: false }, root)).toMatchObject({
      rev: "HEAD",
      why: "base",
    });
  });
});
