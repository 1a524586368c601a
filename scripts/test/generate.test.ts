import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runGenerate } from "../src/generate/run-generate.js";
import { digestLine } from "../src/shared/sha256.js";
import { SpecError } from "../src/shared/spec-error.js";
import { tempRepo } from "./temp-repo.js";

let repo: Awaited<ReturnType<typeof tempRepo>>;
beforeEach(async () => {
  repo = await tempRepo();
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await repo.dispose();
});

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path.slice(dir.length), await readFile(path, "utf8"));
    }
  }
  return files;
}

/** Replaces the vendored spec and records its digest, as `pnpm specs:vendor` would. */
async function vendor(provider: string, text: string) {
  await writeFile(join(repo.root, "specs", `${provider}.yaml`), text);
  await writeFile(join(repo.root, "specs", `${provider}.yaml.sha256`), digestLine(text, `${provider}.yaml`));
}

describe("pnpm generate", () => {
  it("reproduces the committed output byte for byte, and a second run changes nothing", async () => {
    const committed = await snapshot(join(repo.root, "packages"));
    expect(await runGenerate({}, repo.root)).toBe(0);
    expect(await snapshot(join(repo.root, "packages"))).toEqual(committed);
    expect(await runGenerate({}, repo.root)).toBe(0);
    expect(await snapshot(join(repo.root, "packages"))).toEqual(committed);
    expect(await runGenerate({ check: true }, repo.root)).toBe(0);
  });

  it("--check exits 1 and names each stale file without writing", async () => {
    const client = join(repo.root, "packages/primeintellect/src/generated/client.ts");
    await writeFile(client, "// edited by hand\n");
    await writeFile(join(repo.root, "packages/modelslab/src/generated/extra.ts"), "export {};\n");
    expect(await runGenerate({ check: true }, repo.root)).toBe(1);
    const printed = vi.mocked(console.error).mock.calls.flat().join("\n");
    expect(printed).toContain("packages/primeintellect/src/generated/client.ts");
    expect(printed).toContain("packages/modelslab/src/generated/extra.ts");
    expect(await readFile(client, "utf8")).toBe("// edited by hand\n");
  });

  it("a regenerated spec change lands in its package only", async () => {
    const before = await snapshot(join(repo.root, "packages/modelslab"));
    const spec = await readFile(join(repo.root, "specs/primeintellect.yaml"), "utf8");
    await vendor("primeintellect", spec.replace("summary: Delete User Image", "summary: Remove User Image"));
    expect(await runGenerate({}, repo.root)).toBe(0);
    expect(await snapshot(join(repo.root, "packages/modelslab"))).toEqual(before);
    const client = await readFile(join(repo.root, "packages/primeintellect/src/generated/client.ts"), "utf8");
    expect(client).toContain("Remove User Image");
  });

  it("keeps the version changesets wrote into package.json", async () => {
    const path = join(repo.root, "packages/modelslab/package.json");
    await writeFile(path, (await readFile(path, "utf8")).replace('"version": "0.1.0"', '"version": "1.4.2"'));
    expect(await runGenerate({}, repo.root)).toBe(0);
    expect(JSON.parse(await readFile(path, "utf8")).version).toBe("1.4.2");
  });

  describe("bad input fails clearly and leaves every generated file untouched", () => {
    async function expectFailure(pattern: RegExp) {
      const before = await snapshot(join(repo.root, "packages"));
      const failure = await runGenerate({}, repo.root).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SpecError);
      expect((failure as SpecError).message).toMatch(pattern);
      expect(await snapshot(join(repo.root, "packages"))).toEqual(before);
    }

    it("malformed YAML: names the file, line and column", async () => {
      const spec = await readFile(join(repo.root, "specs/modelslab.yaml"), "utf8");
      await vendor("modelslab", spec.replace("paths:\n", "paths:\n  - [unclosed\n"));
      await expectFailure(/specs\/modelslab\.yaml:\d+:\d+: invalid YAML/);
    });

    it("valid YAML but invalid OpenAPI: names the location", async () => {
      const spec = await readFile(join(repo.root, "specs/primeintellect.yaml"), "utf8");
      await vendor("primeintellect", spec.replace("          in: path\n", "          in: body\n"));
      await expectFailure(/specs\/primeintellect\.yaml:\d+:\d+: invalid OpenAPI: .*(in|body).*#\/paths/);
    });

    it("unsupported OpenAPI version", async () => {
      const spec = await readFile(join(repo.root, "specs/modelslab.yaml"), "utf8");
      await vendor("modelslab", spec.replace("openapi: 3.1.0", "openapi: 2.0"));
      await expectFailure(/specs\/modelslab\.yaml:1: unsupported OpenAPI version "2\.0"/);
    });

    it("a hand-edited spec (digest mismatch)", async () => {
      const path = join(repo.root, "specs/modelslab.yaml");
      await writeFile(path, `${await readFile(path, "utf8")}# edit\n`);
      await expectFailure(/specs\/modelslab\.yaml: content does not match its recorded SHA-256/);
    });

    it("an invalid provider config names the place, the field and what to write", async () => {
      const path = join(repo.root, "packages/primeintellect/provider.config.json");
      const config = JSON.parse(await readFile(path, "utf8"));
      config.auth.envVar = "prime key";
      const text = JSON.stringify(config);
      await writeFile(path, text);
      const column = text.indexOf('"prime key"') + 1;
      await expectFailure(
        new RegExp(
          `provider\\.config\\.json:1:${column}: "auth\\.envVar" must be an upper-case environment variable name, e\\.g\\. "MODELSLAB_API_KEY"`,
        ),
      );
    });
  });

  it("rejects an unknown provider name with exit code 2", async () => {
    expect(await runGenerate({ providers: ["nope"] }, repo.root)).toBe(2);
  });
});
