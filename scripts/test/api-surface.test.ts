import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { highestBump } from "../src/api-diff/api-change.js";
import { renderApiChangeset } from "../src/changeset/render-changeset.js";
import { baseParts, type Fixtures, fixtures } from "./api-surface-fixture.js";

// One row per rule of scripts/spec-changeset-rules.md ("The API surface"), each both ways: the
// fixture before → after, then after → before. Small .d.ts files stand in for built packages.

let f: Fixtures;
beforeAll(async () => {
  f = await fixtures();
});
afterAll(() => f.dispose());

const row = baseParts.row;
const table = baseParts.table;

interface Rule {
  rule: string;
  before?: Partial<typeof baseParts>;
  after: Partial<typeof baseParts>;
  /** Expected bump and a fragment of the wording, forward (before → after)… */
  forward: [string, string];
  /** …and backward (after → before). */
  backward: [string, string];
}

const rules: Rule[] = [
  {
    rule: "an export added / removed",
    after: { extra: `${baseParts.extra}\nexport declare function toFile(blob: Blob): File;` },
    forward: ["minor", "new export `toFile` (function)"],
    backward: ["major", "removed export `toFile` (function)"],
  },
  {
    rule: "input: new optional field / optional field removed",
    after: { input: "request_id: number; type?: 'image' | 'video'; force?: boolean" },
    forward: ["minor", "`deleteImage(input).force`: new optional field"],
    backward: ["major", "`deleteImage(input).force`: no longer accepted (removed)"],
  },
  {
    rule: "input: new required field / required field removed",
    after: { input: "request_id: number; type?: 'image' | 'video'; force: boolean" },
    forward: ["major", "`deleteImage(input).force`: new required field"],
    backward: ["major", "`deleteImage(input).force`: no longer accepted (removed)"],
  },
  {
    rule: "input: optional field made required / required made optional",
    after: { input: "request_id: number; type: 'image' | 'video'" },
    forward: ["major", "`deleteImage(input).type`: now required"],
    backward: ["minor", "`deleteImage(input).type`: now optional"],
  },
  {
    rule: "input: value widened (enum value added) / narrowed (enum value removed)",
    after: { input: "request_id: number; type?: 'image' | 'video' | 'audio'" },
    forward: ["minor", "input widened from `'image' | 'video'` to `'image' | 'video' | 'audio'`"],
    backward: ["major", "input narrowed or changed from `'image' | 'video' | 'audio'` to `'image' | 'video'`"],
  },
  {
    rule: "input: type changed incompatibly, both ways",
    after: { input: "request_id: string; type?: 'image' | 'video'" },
    forward: ["major", "`deleteImage(input).request_id`: input narrowed or changed from `number` to `string`"],
    backward: ["major", "`deleteImage(input).request_id`: input narrowed or changed from `string` to `number`"],
  },
  {
    rule: "result: new field / field removed",
    after: { result: "status: 'success'; message: string; id: string" },
    forward: ["minor", "`deleteImage() result.id`: new field"],
    backward: ["major", "`deleteImage() result.id`: removed"],
  },
  {
    rule: "result: value widened (enum value added) / narrowed (removed): both break exhaustive code",
    after: { result: "status: 'success' | 'queued'; message: string" },
    forward: ["major", "`deleteImage() result.status`: type changed from `'success'` to `'success' | 'queued'`"],
    backward: ["major", "`deleteImage() result.status`: type changed from `'success' | 'queued'` to `'success'`"],
  },
  {
    rule: "result: now nullable / no longer nullable",
    after: { result: "status: 'success'; message: string | null" },
    forward: ["major", "`deleteImage() result.message`: now nullable"],
    backward: ["minor", "`deleteImage() result.message`: no longer nullable"],
  },
  {
    rule: "doc-only change, both ways",
    after: { doc: "Deletes an image for good." },
    forward: ["patch", "`deleteImage()`: documentation changed"],
    backward: ["patch", "`deleteImage()`: documentation changed"],
  },
  {
    rule: "table: server URL changed, both ways",
    after: { row: row.replace("api.example.com", "eu.api.example.com") },
    forward: ["major", "`deleteImage()`: server URL `https://api.example.com` → `https://eu.api.example.com`"],
    backward: ["major", "`deleteImage()`: server URL `https://eu.api.example.com` → `https://api.example.com`"],
  },
  {
    rule: "table: default server URL changed, both ways",
    after: { table: table.replace("api.example.com", "v2.api.example.com") },
    forward: ["major", "default server URL `https://api.example.com` → `https://v2.api.example.com`"],
    backward: ["major", "default server URL `https://v2.api.example.com` → `https://api.example.com`"],
  },
  {
    rule: "table: auth placement changed, both ways",
    after: { table: table.replace(`{ readonly in: "bearer" }`, `{ readonly in: "header"; readonly name: "X-Key" }`) },
    forward: ["major", 'the key is sent differently: `{"in":"bearer"}` → `{"in":"header","name":"X-Key"}`'],
    backward: ["major", 'the key is sent differently: `{"in":"header","name":"X-Key"}` → `{"in":"bearer"}`'],
  },
  {
    rule: "table: idempotent added / removed",
    after: { row: row.replace("idempotent: false", "idempotent: true") },
    forward: ["minor", "`deleteImage()`: retried after a connection failure (idempotent) `false` → `true`"],
    backward: ["minor", "`deleteImage()`: retried after a connection failure (idempotent) `true` → `false`"],
  },
  {
    rule: "table: rate limit added / removed",
    after: { table: `${table} readonly rateLimit: { readonly requests: 10; readonly perMilliseconds: 1000 };` },
    forward: ["minor", 'client-side rate limit none → `{"perMilliseconds":1000,"requests":10}`'],
    backward: ["minor", 'client-side rate limit `{"perMilliseconds":1000,"requests":10}` → none'],
  },
  {
    rule: "table: pagination added / removed",
    after: { row: `${row} readonly pagination: { readonly style: "offset"; readonly offsetParam: "offset" };` },
    forward: ["minor", '`deleteImage()`: pagination none → `{"offsetParam":"offset","style":"offset"}`'],
    backward: ["major", '`deleteImage()`: pagination `{"offsetParam":"offset","style":"offset"}` → none'],
  },
];

describe.concurrent("API-surface diff: one fixture per rule, both ways", () => {
  it("an unchanged package has no change", async () => {
    expect(await f.diffParts({})).toEqual([]);
  });

  it.each(rules)("$rule", async ({ before = {}, after, forward, backward }) => {
    const forwardChanges = await f.diffParts(after, before);
    expect(highestBump(forwardChanges)).toBe(forward[0]);
    expect(forwardChanges.map((change) => change.text)).toEqual(
      expect.arrayContaining([expect.stringContaining(forward[1])]),
    );
    const backwardChanges = await f.diffParts({ ...baseParts, ...before }, { ...before, ...after });
    expect(highestBump(backwardChanges)).toBe(backward[0]);
    expect(backwardChanges.map((change) => change.text)).toEqual(
      expect.arrayContaining([expect.stringContaining(backward[1])]),
    );
  });

  it("a method removed from the client and its table row is major; added back, minor", async () => {
    const withTwo = {
      methods: "listImages(input: { page?: number }): ApiPromise<string[]>;",
      row: `${row} }; readonly listImages: { readonly method: "get"; readonly path: "/images"; ${row}`,
    };
    const removed = await f.diffParts({ methods: baseParts.methods, row }, withTwo);
    expect(removed.map((change) => change.text)).toContain("removed method `listImages()`");
    expect(highestBump(removed)).toBe("major");
    const added = await f.diffParts(withTwo);
    expect(added.map((change) => change.text)).toContain("new method `listImages()`");
    expect(highestBump(added)).toBe("minor");
  });
});

describe.concurrent("API-surface diff: a core-like package (no operation table)", () => {
  const core = (options: string, extra = "") => `
export interface CallOptions { ${options} }
export declare class ApiError extends Error { readonly status: number; }
export declare function createProviderClient(options: CallOptions): unknown;
${extra}`;

  it("an export removed is major, added back minor", async () => {
    const before = await f.write("core", core("timeout?: number", "export declare const VERSION: string;"));
    const after = await f.write("core", core("timeout?: number"));
    expect(f.diff(before, after)).toEqual([{ bump: "major", text: "removed export `VERSION` (const)" }]);
    expect(f.diff(after, before)).toEqual([{ bump: "minor", text: "new export `VERSION` (const)" }]);
  });

  it("an exported interface gains a member (minor) / loses one (major)", async () => {
    const before = await f.write("core", core("timeout?: number"));
    const after = await f.write("core", core("timeout?: number; maxRetries?: number"));
    expect(f.diff(before, after)).toEqual([{ bump: "minor", text: "`CallOptions.maxRetries`: new field" }]);
    expect(f.diff(after, before)).toEqual([{ bump: "major", text: "`CallOptions.maxRetries`: removed" }]);
  });

  it("a class member's type changes: major both ways", async () => {
    const before = await f.write("core", core("timeout?: number"));
    const after = await f.write(
      "core",
      core("timeout?: number").replace("readonly status: number;", "readonly status: string;"),
    );
    expect(f.diff(before, after)).toEqual([
      { bump: "major", text: "`ApiError.status`: type changed from `number` to `string`" },
    ]);
    expect(f.diff(after, before)).toEqual([
      { bump: "major", text: "`ApiError.status`: type changed from `string` to `number`" },
    ]);
  });

  it("an export that changes kind is major", async () => {
    const before = await f.write("core", core("timeout?: number", "export declare const VERSION: string;"));
    const after = await f.write("core", core("timeout?: number", "export type VERSION = string;"));
    expect(f.diff(before, after)).toEqual([{ bump: "major", text: "`VERSION` is now a type (was a const)" }]);
  });
});

describe("the changeset text", () => {
  it("lists the spec and the API-surface changes, with the 0.x line for a breaking change", () => {
    const text = renderApiChangeset({
      packageName: "@specsdk/example",
      bump: "major",
      releasedAs: "minor",
      spec: {
        specPath: "specs/example.yaml",
        apiTitle: "Example",
        beforeVersion: "1.0",
        afterVersion: "1.1",
        changes: [{ bump: "major", text: "`deleteImage`: new required body field `force`" }],
      },
      apiChanges: [{ bump: "major", text: "`deleteImage(input).force`: new required field" }],
      baseline: "revision `HEAD`",
    });
    expect(text).toBe(
      [
        "---",
        '"@specsdk/example": minor',
        "---",
        "",
        "**Breaking (0.x):** released as a minor because the package is before 1.0.",
        "",
        "Regenerated from `specs/example.yaml` (Example 1.0 → 1.1).",
        "",
        "- `deleteImage`: new required body field `force`",
        "",
        "API surface, compared with revision `HEAD`:",
        "",
        "- `deleteImage(input).force`: new required field (major)",
        "",
      ].join("\n"),
    );
  });
});
