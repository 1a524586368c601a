import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../src/shared/repo-paths.js";

/** A throwaway copy of specs/ and the provider packages with their MCP servers (sources only), for generator tests. */
export async function tempRepo(): Promise<{ root: string; dispose: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "specsdk-gen-"));
  await cp(join(repoRoot, "specs"), join(root, "specs"), { recursive: true });
  for (const provider of ["modelslab", "primeintellect"].flatMap((name) => [name, `${name}-mcp`])) {
    await cp(join(repoRoot, "packages", provider), join(root, "packages", provider), {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|dist|\.turbo)$/.test(source),
    });
  }
  return { root, dispose: () => rm(root, { recursive: true, force: true }) };
}
