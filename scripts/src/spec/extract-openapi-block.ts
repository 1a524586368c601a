/**
 * The OpenAPI document inside a documentation page: the text between the line that opens a
 * ```yaml fence (three or more backticks) and the line that closes it, byte for byte.
 */
export function extractOpenApiBlock(page: string): string | undefined {
  const lines = page.split(/(?<=\n)/); // keep line endings so the block is byte-identical
  let fence: string | undefined;
  let start = 0;
  let offset = 0;
  for (const line of lines) {
    const trimmed = line.replace(/\r?\n$/, "");
    if (fence === undefined) {
      const open = /^(`{3,})yaml\b/.exec(trimmed);
      if (open) {
        fence = open[1];
        start = offset + line.length;
      }
    } else if (trimmed === fence) {
      return page.slice(start, offset);
    }
    offset += line.length;
  }
  return undefined;
}
