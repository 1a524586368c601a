import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { exec } from "../shared/exec.js";
import type { Manifest } from "./pack.js";
import { exportedDataFiles } from "./packed-contents.js";
import { readTarball } from "./tarball.js";

const scriptsDir = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** publint on the tarball itself, at its most verbose level: errors, warnings and suggestions all count. */
export async function publintProblems(tarball: string): Promise<string[]> {
  const data = await readFile(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer },
    level: "suggestion",
    strict: true,
  });
  return messages.map((message) => `publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`);
}

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}

/**
 * The one finding we accept: `require()` from CommonJS resolves to our ESM build ("node16 (from CJS)").
 * The packages are ESM-only on purpose; Node ≥ 20.19 (our `engines`) loads them with require(esm),
 * which the consumer test runs. attw's `esm-only` profile would also hide node10 problems; we don't.
 */
function accepted(problem: AttwProblem): boolean {
  return problem.kind === "CJSResolvesToESM" && problem.resolutionKind === "node16-cjs";
}

/**
 * Are the Types Wrong? on the tarball: every problem except the accepted ESM-only one. Exported data
 * files (a provider's `./openapi.yaml`) are not modules and have no types: they are left out.
 */
export async function attwProblems(tarball: string): Promise<string[]> {
  const attw = join(scriptsDir, "node_modules/.bin/attw");
  const manifest = JSON.parse((await readTarball(tarball)).get("package.json")?.toString("utf8") ?? "{}") as Manifest;
  const dataFiles = exportedDataFiles(manifest).map((file) => `./${file}`);
  const exclude = dataFiles.length > 0 ? ["--exclude-entrypoints", ...dataFiles] : [];
  const result = await exec(attw, [tarball, "--format", "json", "--no-color", ...exclude], { cwd: scriptsDir });
  let report: { problems?: Record<string, AttwProblem[]> | AttwProblem[] };
  try {
    report = JSON.parse(result.stdout) as typeof report;
  } catch {
    return [`attw did not report JSON (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`];
  }
  const problems = Array.isArray(report.problems) ? report.problems : Object.values(report.problems ?? {}).flat();
  return problems
    .filter((problem) => !accepted(problem))
    .map(
      (problem) =>
        `attw ${problem.kind}${problem.entrypoint ? ` at "${problem.entrypoint}"` : ""}${problem.resolutionKind ? ` (${problem.resolutionKind})` : ""}`,
    );
}
