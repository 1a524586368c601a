import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApiChange } from "../src/api-diff/api-change.js";
import { diffSurfaces } from "../src/api-diff/diff-surface.js";
import { loadSurfaces } from "../src/api-diff/extract-surface.js";

/** The parts of a small provider package's `dist/index.d.ts`; each test changes one of them. */
export interface FixtureParts {
  /** Body of the `DeleteImageInput` object type. */
  input: string;
  /** Body of the `DeleteImageResult` object type. */
  result: string;
  /** Extra members of the named-methods interface (another method). */
  methods: string;
  /** TSDoc of `deleteImage()`. */
  doc: string;
  /** Extra top-level declarations (exports). */
  extra: string;
  /** Members of the operation table's `deleteImage` row, besides method and path. */
  row: string;
  /** Top-level members of the operation table besides `operations`. */
  table: string;
}

export const baseParts: FixtureParts = {
  input: "request_id: number; type?: 'image' | 'video'",
  result: "status: 'success'; message: string",
  methods: "",
  doc: "Deletes an image.",
  extra: "export declare class ApiError extends Error { readonly status: number; }",
  row: `readonly serverUrl: "https://api.example.com"; readonly authenticated: true; readonly idempotent: false;`,
  table: `readonly defaultBaseUrl: "https://api.example.com"; readonly auth: { readonly envVar: "EX_KEY"; readonly placement: { readonly in: "bearer" } };`,
};

export function providerDts(parts: FixtureParts): string {
  return `
export interface ApiPromise<T> extends Promise<T> { withResponse(): Promise<{ data: T; response: Response }> }
export interface CallOptions { signal?: AbortSignal; timeout?: number }
/** Argument of \`deleteImage()\`. */
export type DeleteImageInput = { ${parts.input} };
export type DeleteImageResult = { ${parts.result} };
export interface ExampleNamedMethods {
  /** ${parts.doc} */
  deleteImage(input: DeleteImageInput, options?: CallOptions): ApiPromise<DeleteImageResult>;
  ${parts.methods}
}
export declare function createExampleClient(options?: { apiKey?: string }): ExampleNamedMethods;
export declare const provider: {
  ${parts.table}
  readonly operations: {
    readonly deleteImage: { readonly method: "post"; readonly path: "/delete_image"; ${parts.row} };
  };
};
${parts.extra}
`;
}

export interface Fixtures {
  root: string;
  dispose(): Promise<void>;
  /** Writes a package (package.json + dist/index.d.ts) and returns its directory. */
  write(name: string, dts: string, version?: string): Promise<string>;
  /** Loads two package directories and classifies the difference. */
  diff(beforeDir: string, afterDir: string): ApiChange[];
  /** A provider fixture before and after a change of its parts. */
  diffParts(change: Partial<FixtureParts>, before?: Partial<FixtureParts>): Promise<ApiChange[]>;
}

export async function fixtures(): Promise<Fixtures> {
  const root = await mkdtemp(join(tmpdir(), "specsdk-surface-"));
  let count = 0;
  const write = async (name: string, dts: string, version = "1.0.0") => {
    const dir = join(root, `${name}-${count++}`);
    await mkdir(join(dir, "dist"), { recursive: true });
    await writeFile(
      join(dir, "package.json"),
      JSON.stringify({ name: `@specsdk/${name}`, version, exports: { ".": { types: "./dist/index.d.ts" } } }),
    );
    await writeFile(join(dir, "dist", "index.d.ts"), dts);
    return dir;
  };
  const diff = (beforeDir: string, afterDir: string) => {
    const { surfaces, checker } = loadSurfaces([beforeDir, afterDir]);
    return diffSurfaces(checker, surfaces[0]!, surfaces[1]!);
  };
  return {
    root,
    dispose: () => rm(root, { recursive: true, force: true }),
    write,
    diff,
    async diffParts(change, before = {}) {
      const was = { ...baseParts, ...before };
      const beforeDir = await write("example", providerDts(was));
      const afterDir = await write("example", providerDts({ ...was, ...change }));
      return diff(beforeDir, afterDir);
    },
  };
}
