import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { runSpecChangeset } from "../src/changeset/run-spec-changeset.js";
import { digestLine } from "../src/shared/sha256.js";
import { SpecError } from "../src/shared/spec-error.js";
import { commitAll, initGitRepo } from "./git-repo.js";
import { tempRepo } from "./temp-repo.js";

let repo: Awaited<ReturnType<typeof tempRepo>>;
beforeEach(async () => {
  repo = await tempRepo();
  await initGitRepo(repo.root);
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await repo.dispose();
});

/** Replaces the vendored spec and records its digest, as `pnpm specs:vendor` would. */
async function vendor(provider: string, text: string) {
  await writeFile(join(repo.root, "specs", `${provider}.yaml`), text);
  await writeFile(join(repo.root, "specs", `${provider}.yaml.sha256`), digestLine(text, `${provider}.yaml`));
}

/** The committed spec, parsed, changed by `mutate`, serialized and vendored. */
async function vendorChanged(provider: string, mutate: (spec: any) => void) {
  const spec = parse(await readFile(join(repo.root, "specs", `${provider}.yaml`), "utf8"));
  mutate(spec);
  await vendor(provider, stringify(spec));
}

const addForceField = (spec: any) => {
  spec.components.schemas.DeleteImageRequest.properties.force = { type: "boolean" };
};

async function changesets(): Promise<Map<string, string>> {
  const dir = join(repo.root, ".changeset");
  const names = await readdir(dir).catch(() => [] as string[]);
  return new Map(
    await Promise.all(names.sort().map(async (name) => [name, await readFile(join(dir, name), "utf8")] as const)),
  );
}

const printed = () => vi.mocked(console.log).mock.calls.flat().join("\n");

describe("pnpm specs:changeset", () => {
  it("writes nothing when no spec changed", async () => {
    expect(await runSpecChangeset({}, repo.root)).toBe(0);
    expect(await changesets()).toEqual(new Map());
    expect(printed()).toContain("specs/modelslab.yaml: unchanged since HEAD");
  });

  it("writes one changeset for the changed spec's package, named from both digests", async () => {
    await vendorChanged("modelslab", addForceField);
    expect(await runSpecChangeset({}, repo.root)).toBe(0);
    const written = await changesets();
    expect([...written.keys()]).toEqual([expect.stringMatching(/^modelslab-spec-ea7be009-[0-9a-f]{8}\.md$/)]);
    expect([...written.values()][0]).toBe(
      [
        "---",
        // An addition deserves a minor; before 1.0 it is released as a patch.
        '"@specsdk/modelslab": patch',
        "---",
        "",
        "Regenerated from `specs/modelslab.yaml` (ModelsLab General API 6.0.0).",
        "",
        "- `deleteImage`: new optional body field `force`",
        "",
      ].join("\n"),
    );
  });

  it("is idempotent: a second run keeps the file and writes no other", async () => {
    await vendorChanged("primeintellect", (spec) => {
      spec.paths["/api/v1/images/{image_name}/{image_tag}"].delete.parameters.pop();
    });
    expect(await runSpecChangeset({}, repo.root)).toBe(0);
    const first = await changesets();
    // A breaking change on a 0.x package: a minor release that says it breaks.
    expect([...first.values()][0]).toContain('"@specsdk/primeintellect": minor\n---\n\n**Breaking (0.x):**');
    expect([...first.values()][0]).toContain("- `deleteUserImage`: removed query parameter `teamId`");
    // A hand edit survives a second run.
    const [name] = [...first.keys()];
    await writeFile(join(repo.root, ".changeset", name as string), `${first.get(name as string)}\nEdited.\n`);
    expect(await runSpecChangeset({}, repo.root)).toBe(0);
    const second = await changesets();
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect(second.get(name as string)).toContain("Edited.");
    expect(printed()).toContain("already exists; not rewritten");
  });

  it("replaces its pending changeset when the spec is re-vendored before release", async () => {
    await vendorChanged("modelslab", addForceField);
    await runSpecChangeset({}, repo.root);
    const [first] = [...(await changesets()).keys()];
    await vendorChanged("modelslab", (spec) => {
      spec.components.schemas.DeleteImageRequest.properties.type.enum.push("audio");
    });
    await runSpecChangeset({}, repo.root);
    const written = await changesets();
    expect(written.size).toBe(1);
    expect(written.has(first as string)).toBe(false);
    const [content] = [...written.values()];
    // Compared with HEAD, so the release notes list both changes once.
    expect(content).toContain("- `deleteImage`: new optional body field `force`");
    expect(content).toContain('- `deleteImage`: body field `type`: enum value "audio" added');
  });

  it("from 1.0 on, semver as the change deserves: breaking → major, addition → minor", async () => {
    for (const provider of ["modelslab", "primeintellect"]) {
      const path = join(repo.root, "packages", provider, "package.json");
      await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, "utf8")), version: "1.2.0" }));
    }
    await vendorChanged("modelslab", addForceField);
    await vendorChanged("primeintellect", (spec) => {
      spec.paths["/api/v1/images/{image_name}/{image_tag}"].delete.parameters.pop();
    });
    expect(await runSpecChangeset({}, repo.root)).toBe(0);
    const written = [...(await changesets()).values()];
    expect(written).toEqual([
      expect.stringContaining('"@specsdk/modelslab": minor\n---\n\nRegenerated'),
      expect.stringContaining('"@specsdk/primeintellect": major\n---\n\nRegenerated'),
    ]);
  });

  it("a formatting-only change is a patch (the generated files still change)", async () => {
    const path = join(repo.root, "specs/primeintellect.yaml");
    await vendor("primeintellect", `${await readFile(path, "utf8")}# trailing comment\n`);
    await runSpecChangeset({}, repo.root);
    const [content] = [...(await changesets()).values()];
    expect(content).toContain('"@specsdk/primeintellect": patch');
    expect(content).toContain("- No API change");
  });

  it("--base compares with an older commit once the change is committed", async () => {
    await vendorChanged("modelslab", (spec) => {
      delete spec.components.schemas.DeleteImageRequest.properties.type;
    });
    await commitAll(repo.root, "vendor");
    expect(await runSpecChangeset({}, repo.root)).toBe(0);
    expect(await changesets()).toEqual(new Map());
    expect(await runSpecChangeset({ base: "HEAD~1", providers: ["modelslab"] }, repo.root)).toBe(0);
    const [content] = [...(await changesets()).values()];
    expect(content).toContain('"@specsdk/modelslab": minor');
    expect(content).toContain("- `deleteImage`: removed body field `type`");
  });

  it("skips a spec the base revision does not have (a new package), with a message", async () => {
    const spec = await readFile(join(repo.root, "specs/primeintellect.yaml"), "utf8");
    await rm(join(repo.root, "specs/primeintellect.yaml"));
    await rm(join(repo.root, "specs/primeintellect.yaml.sha256"));
    await commitAll(repo.root, "before primeintellect existed");
    await vendor("primeintellect", spec);
    expect(await runSpecChangeset({}, repo.root)).toBe(0);
    expect(await changesets()).toEqual(new Map());
    expect(printed()).toContain("specs/primeintellect.yaml: new since HEAD; no changeset");
  });

  it("refuses a hand-edited spec (digest mismatch) like generate does", async () => {
    const path = join(repo.root, "specs/modelslab.yaml");
    await writeFile(path, `${await readFile(path, "utf8")}# edit\n`);
    const failure = await runSpecChangeset({}, repo.root).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SpecError);
    expect((failure as SpecError).message).toMatch(/specs\/modelslab\.yaml: content does not match/);
  });

  it("rejects an unknown provider or base revision with exit code 2", async () => {
    expect(await runSpecChangeset({ providers: ["nope"] }, repo.root)).toBe(2);
    expect(await runSpecChangeset({ base: "no-such-rev" }, repo.root)).toBe(2);
  });
});
