import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../src/shared/repo-paths.js";

// Every root package.json script that runs a `scripts/src/cli/*.ts` file, found from package.json so a
// new command is covered as soon as it is added. What each one declares is read from its source.

interface Cli {
  name: string;
  file: string;
  source: string;
}

const scripts = (
  JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;
const commands: Cli[] = Object.entries(scripts).flatMap(([name, script]) => {
  const file = /\btsx (scripts\/src\/cli\/[\w-]+\.ts)\b/.exec(script)?.[1];
  return file ? [{ name, file, source: readFileSync(join(repoRoot, file), "utf8") }] : [];
});

/** The first argument of each `.<method>("…"` call in a declaration: option flags, argument names. */
function declared(source: string, method: "option" | "argument"): string[] {
  return [...source.matchAll(new RegExp(`\\.${method}\\(\\s*"([^"]+)"`, "g"))].map((match) => match[1] as string);
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // `node --import tsx` rather than the tsx binary, which would start a second node process.
    execFile(
      process.execPath,
      ["--import", "tsx", file, ...args],
      { cwd: repoRoot, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A usage mistake: one line naming the command, pointing at --help, and no stack trace. */
function expectOneLineUsageError({ code, stdout, stderr }: Run, name: string, message: string): void {
  expect(code).toBe(1);
  expect(stdout).toBe("");
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${name}: error: .*${message}.* \\(see --help\\)$`));
  expect(stderr.split("\n").filter((line) => line.startsWith("    at "))).toEqual([]);
}

describe.concurrent("every command's --help", () => {
  it("finds the commands in package.json", () => {
    expect(commands.map(({ name }) => name)).toEqual(expect.arrayContaining(["generate", "test", "specs:vendor"]));
  });

  it.each(commands)(
    "pnpm $name --help: usage, description, every argument and option, examples; exit 0",
    async ({ name, file, source }) => {
      const { code, stdout, stderr } = await run(file, ["--help"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const [usage, blank, description] = stdout.split("\n");
      expect(usage).toMatch(new RegExp(`^Usage: pnpm ${name} \\[options\\]`));
      expect(blank).toBe("");
      expect(description).not.toBe("");
      // Help lists each as an indented line: `  --from <url>  fetch from …`, `  provider  specs to …`.
      const listed = stdout.split("\n").map((line) => line.trim().split(/\s{2,}/)[0]);
      for (const argument of declared(source, "argument"))
        expect(listed).toContain(argument.replace(/[<>[\]]|\.\.\./g, ""));
      for (const flags of [...declared(source, "option"), "--debug", "-h, --help"]) expect(listed).toContain(flags);
      expect(stdout).toMatch(new RegExp(`\nExamples:\n  pnpm ${name}\\b`));
    },
  );

  // `pnpm test` passes options it does not know on to turbo, so it has no unknown option.
  it.each(commands.filter(({ source }) => !source.includes(".allowUnknownOption(")))(
    "pnpm $name --no-such-option: one line, exit 1",
    async ({ name, file }) => {
      expectOneLineUsageError(await run(file, ["--no-such-option"]), name, "unknown option '--no-such-option'");
    },
  );

  it.each(commands.filter(({ source }) => declared(source, "argument").some((argument) => argument.startsWith("<"))))(
    "pnpm $name without its required arguments: one line, exit 1",
    async ({ name, file }) => {
      expectOneLineUsageError(await run(file, []), name, "missing required argument");
    },
  );
});
