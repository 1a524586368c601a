import { createHash } from "node:crypto";

export function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** `<hex>  <file name>\n`, the format `sha256sum -c` reads. */
export function digestLine(content: string | Uint8Array, fileName: string): string {
  return `${sha256(content)}  ${fileName}\n`;
}

export function parseDigestLine(line: string): { digest: string; fileName: string } | undefined {
  const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
  return match ? { digest: match[1] as string, fileName: match[2] as string } : undefined;
}
