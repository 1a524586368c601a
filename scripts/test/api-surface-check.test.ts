import { describe, expect, it } from "vitest";
import { pendingBumps, uncoveredChanges } from "../src/changeset/check-changeset.js";
import type { PackageApiChange } from "../src/changeset/run-changeset-api.js";

// The CI gate's decision, both ways: a surface change with no changeset (or one at a lower bump) fails
// with the package and the command to run; a covering changeset, or no change, passes.

const changed: PackageApiChange = {
  pkg: { name: "@specsdk/modelslab", dir: "modelslab", version: "0.1.0" },
  bump: "minor",
  releasedAs: "patch",
  apiChanges: [
    { bump: "minor", text: "`deleteImage()`: retried after a connection failure (idempotent) `true` → `false`" },
  ],
  baseline: "revision `origin/main`",
};
const breaking: PackageApiChange = {
  ...changed,
  bump: "major",
  releasedAs: "minor",
  apiChanges: [{ bump: "major", text: "removed method `deleteImage()`" }],
};
const unchanged: PackageApiChange = { pkg: changed.pkg, apiChanges: [], baseline: changed.baseline };

const changeset = (front: string) => ({ name: "x.md", text: `---\n${front}\n---\n\nSomething.\n` });

describe("changeset:check", () => {
  it("reads each package's highest pending bump from the changesets' front matter", () => {
    const bumps = pendingBumps([
      changeset('"@specsdk/modelslab": patch\n"@specsdk/core": minor'),
      changeset("'@specsdk/modelslab': minor"),
      { name: "notes.md", text: "no front matter" },
    ]);
    expect(Object.fromEntries(bumps)).toEqual({ "@specsdk/modelslab": "minor", "@specsdk/core": "minor" });
  });

  it("fails a change without a changeset, naming the package, the change and the command", () => {
    expect(uncoveredChanges([changed], new Map(), "origin/main")).toEqual([
      "@specsdk/modelslab: changed since origin/main (needs a patch release: `deleteImage()`: retried after a connection failure (idempotent) `true` → `false`) but .changeset/ has no changeset for it; run `pnpm changeset:api modelslab --base origin/main` (or `pnpm changeset`) and commit the file",
    ]);
  });

  it("fails a breaking change whose changeset is only a patch", () => {
    const [problem] = uncoveredChanges([breaking], pendingBumps([changeset('"@specsdk/modelslab": patch')]), "main");
    expect(problem).toMatch(/^@specsdk\/modelslab: changed since main \(needs a minor release: removed method/);
    expect(problem).toContain("has a patch changeset for it");
  });

  it("passes a change covered at its bump or higher, and a package that did not change", () => {
    expect(uncoveredChanges([changed], pendingBumps([changeset('"@specsdk/modelslab": patch')]), "main")).toEqual([]);
    expect(uncoveredChanges([breaking], pendingBumps([changeset('"@specsdk/modelslab": minor')]), "main")).toEqual([]);
    expect(uncoveredChanges([unchanged], new Map(), "main")).toEqual([]);
  });

  it("does not count another package's changeset", () => {
    expect(uncoveredChanges([changed], pendingBumps([changeset('"@specsdk/core": minor')]), "main")).toHaveLength(1);
  });
});
