import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../src/shared/repo-paths.js";

const SKIPPED = /[/\\](node_modules|dist|\.turbo|\.git|coverage|\.vitest-results\.json)$/;

/** A throwaway copy of the whole workspace (sources and config, no installs or build output), for turbo. */
export async function tempWorkspace(): Promise<{ root: string; dispose: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "specsdk-ws-"));
  await cp(repoRoot, root, { recursive: true, filter: (source) => !SKIPPED.test(source) });
  return { root, dispose: () => rm(root, { recursive: true, force: true }) };
}
