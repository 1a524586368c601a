/**
 * Every ```ts block of every README type-checks against the built packages, strict, as a module of
 * its own: an example users copy must compile. A generated provider README's later blocks use the
 * client its Usage block creates; those get the same one-line client as a preamble.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerPackages } from "../src/packaging/provider-packages.js";
import { repoRoot } from "../src/shared/repo-paths.js";
import { compile } from "./fixture-package.js";

interface Readme {
  path: string;
  /** For provider READMEs: the client variable their examples use, and how to create it. */
  client?: { name: string; preamble: string };
}

async function readmes(): Promise<Readme[]> {
  const found: Readme[] = [
    { path: "README.md" },
    { path: "packages/core/README.md" },
    { path: "packages/mock/README.md" },
  ];
  for (const pkg of await providerPackages(join(repoRoot, "packages"))) {
    const name = pkg.dir.split("/").at(-1)?.replace(/\W/g, "") ?? "";
    found.push({
      path: `packages/${pkg.dir.split("/").at(-1)}/README.md`,
      client: {
        name,
        preamble: `import { ${pkg.clientFactory} as createClientForExample } from "${pkg.packageName}";\nconst ${name} = createClientForExample({ apiKey: "k" });\n`,
      },
    });
  }
  return found;
}

/** The ```ts blocks of a Markdown file, with the line each starts on. */
function tsBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i] as string)) continue;
    const start = i + 1;
    while (i + 1 < lines.length && !(lines[i + 1] as string).startsWith("```")) i++;
    blocks.push({ line: start + 1, code: lines.slice(start, i + 1).join("\n") });
    i++;
  }
  return blocks;
}

let dir: string;
beforeAll(async () => {
  await mkdir(join(repoRoot, "scripts/.fixture-packages"), { recursive: true });
  dir = await mkdtemp(join(repoRoot, "scripts/.fixture-packages/readme-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("README examples", () => {
  it("every ```ts block type-checks against the built packages", async () => {
    const files: { file: string; readme: string; firstLine: number }[] = [];
    for (const readme of await readmes()) {
      const blocks = tsBlocks(await readFile(join(repoRoot, readme.path), "utf8"));
      expect(blocks.length, `${readme.path} has TypeScript examples`).toBeGreaterThan(0);
      for (const [index, block] of blocks.entries()) {
        const client = readme.client;
        const needsClient =
          client !== undefined &&
          new RegExp(`\\b${client.name}\\.`).test(block.code) &&
          !new RegExp(`const ${client.name}\\b`).test(block.code);
        const file = join(dir, `${readme.path.replace(/\W/g, "_")}_${index}.ts`);
        const preamble = needsClient ? (client?.preamble ?? "") : "";
        await writeFile(file, `${preamble}${block.code}\nexport {};\n`);
        // Line n of the file is line firstLine + n of the README.
        files.push({ file, readme: readme.path, firstLine: block.line - 1 - preamble.split("\n").length + 1 });
      }
    }
    const problems = compile(files.map(({ file }) => file)).map((problem) => {
      const match = files.find(({ file }) => problem.startsWith(`${file}:`));
      if (!match) return problem;
      const [line, ...message] = problem.slice(match.file.length + 1).split(": ");
      return `${match.readme}:${match.firstLine + Number(line)}: ${message.join(": ")}`;
    });
    expect(problems).toEqual([]);
  });
});
