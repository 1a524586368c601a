import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleSize, providerConsumer } from "../src/packaging/bundle-size.js";
import { providerPackages } from "../src/packaging/provider-packages.js";
import { repoRoot } from "../src/shared/repo-paths.js";

const budgets = JSON.parse(await readFile(join(repoRoot, "scripts/size-budgets.json"), "utf8")) as {
  gzipBytes: Record<string, number>;
};
const packages = await providerPackages(join(repoRoot, "packages"));

describe("bundle size budgets (scripts/size-budgets.json)", () => {
  it("every provider package has a budget, and every budget a package", () => {
    expect(Object.keys(budgets.gzipBytes).sort()).toEqual(packages.map((pkg) => pkg.packageName).sort());
  });

  for (const pkg of packages) {
    it(`${pkg.packageName}: a consumer calling ${pkg.firstMethod}() stays within its gzip budget`, async () => {
      const size = await bundleSize(
        providerConsumer(pkg.packageName, pkg.clientFactory, pkg.firstMethod),
        join(repoRoot, "scripts"),
      );
      const budget = budgets.gzipBytes[pkg.packageName] ?? 0;
      expect(
        size.gzip,
        `${pkg.packageName} bundles to ${size.gzip} B gzip (${size.minified} B minified), over its ${budget} B budget`,
      ).toBeLessThanOrEqual(budget);
    });
  }
});
