import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { repoLayout } from "../src/shared/repo-paths.js";
import { loadSpec } from "../src/spec/load-spec.js";
import { listVendoredSpecs, verifyVendoredDigest } from "../src/spec/vendored-specs.js";

const specs = await listVendoredSpecs(repoLayout().specsDir);

describe("vendored specs", () => {
  it("are the two providers", () => {
    expect(specs.map((spec) => spec.fileName)).toEqual(["modelslab.yaml", "primeintellect.yaml"]);
  });

  it.each(specs)("$fileName still matches its recorded SHA-256", async (spec) => {
    const bytes = await readFile(spec.path);
    await expect(verifyVendoredDigest(spec, bytes)).resolves.toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(specs)("$fileName is valid OpenAPI 3.1", async (spec) => {
    const loaded = await loadSpec(spec.path);
    expect(loaded.document.openapi).toMatch(/^3\.1\./);
  });

  it("a changed byte is detected", async () => {
    const [spec] = specs;
    if (!spec) throw new Error("no spec");
    const bytes = Buffer.from(await readFile(spec.path));
    bytes[bytes.length - 2] = 0x20;
    await expect(verifyVendoredDigest(spec, bytes)).rejects.toThrow(/does not match its recorded SHA-256/);
  });
});
