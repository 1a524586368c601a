/**
 * Child process for the scale section: argv `<repo root> <provider>…`. Runs that repo's own
 * generator (`generate --check <provider>`, which computes everything and writes nothing) on each
 * provider alone, and prints one JSON line: the providers it could not generate, with the reason.
 * One at a time, because `generate` stops at the first bad spec of a run.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [root, ...providers] = process.argv.slice(2);
if (!root) throw new Error("usage: scale-vet-child.ts <repo root> <provider>…");
const { runGenerate } = (await import(pathToFileURL(join(root, "scripts/src/generate/run-generate.ts")).href)) as {
  runGenerate: (options: { providers: string[]; check: boolean }, root: string) => Promise<number>;
};

const failed: Record<string, string> = {};
const { log, error } = console;
for (const provider of providers) {
  const said: string[] = [];
  console.log = () => {};
  console.error = (...args: unknown[]) => said.push(args.join(" "));
  try {
    // 0: up to date, 1: stale (not written yet); anything else is a problem it reported.
    const code = await runGenerate({ providers: [provider], check: true }, root);
    if (code !== 0 && code !== 1) failed[provider] = said.join(" ") || `exit ${code}`;
  } catch (caught) {
    failed[provider] = caught instanceof Error ? caught.message : String(caught);
  } finally {
    console.log = log;
    console.error = error;
  }
}
console.log(JSON.stringify({ failed }));
