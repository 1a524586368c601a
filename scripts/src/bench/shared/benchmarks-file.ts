import { readFile } from "node:fs/promises";
import { writeFileAtomically } from "../../shared/atomic-write.js";

const start = (id: string) => `<!-- bench:${id} -->`;
const end = (id: string) => `<!-- /bench:${id} -->`;

/**
 * Replaces the generated block `<!-- bench:<id> -->…<!-- /bench:<id> -->` in BENCHMARKS.md, or
 * appends it. Text outside the markers (the hand-written analysis) is kept, so one section can be
 * re-run without losing the others.
 */
export function replaceBlock(document: string, id: string, body: string): string {
  const block = `${start(id)}\n${body.trim()}\n${end(id)}`;
  const from = document.indexOf(start(id));
  const to = document.indexOf(end(id));
  if (from >= 0 && to > from) return `${document.slice(0, from)}${block}${document.slice(to + end(id).length)}`;
  return `${document.trimEnd()}\n\n${block}\n`;
}

export async function updateBenchmarksFile(path: string, blocks: { id: string; markdown: string }[]): Promise<void> {
  let document = await readFile(path, "utf8").catch(() => "# Benchmarks\n");
  for (const { id, markdown } of blocks) document = replaceBlock(document, id, markdown);
  await writeFileAtomically(path, document.endsWith("\n") ? document : `${document}\n`);
}
