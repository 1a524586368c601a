/**
 * Child process for the codegen section, so each measurement starts cold and has its own peak
 * memory. argv: `ours <repo root> [provider]` runs our `generate` on that root (every spec, or one); `openapi-typescript
 * <spec> <out>` runs openapi-typescript alone with the same options. Prints one JSON line: wall
 * time, CPU time of all threads, peak RSS (module imports excluded from both times).
 */
import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { runGenerate } from "../../generate/run-generate.js";

const [mode, first, second] = process.argv.slice(2);
const started = performance.now();
const cpuStarted = process.cpuUsage();
if (mode === "ours") {
  const log = console.log;
  console.log = () => {};
  const code = await runGenerate({ providers: second ? [second] : [] }, first);
  console.log = log;
  if (code !== 0) throw new Error(`generate exited with ${code}`);
} else if (mode === "openapi-typescript" && first && second) {
  const nodes = await openapiTS(pathToFileURL(first), { defaultNonNullable: false, silent: true });
  await writeFile(second, astToString(nodes));
} else {
  throw new Error(`usage: generate-child.ts ours <root> [provider] | openapi-typescript <spec> <out>`);
}
const ms = performance.now() - started;
// CPU time of every thread (the validation worker included), to show what overlapping costs.
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(JSON.stringify({ ms, cpuMs, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
