import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

/** `path=…` from a pax extended header, which carries names too long for the ustar fields. */
function paxPath(data: Buffer): string | undefined {
  for (const record of data.toString("utf8").split("\n")) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * The regular files of a packed npm tarball (`.tgz`), by path without the leading `package/`.
 * Reads the archive itself rather than a pack tool's report of it: pnpm adds the workspace LICENSE
 * to the tarball without listing it in `pnpm pack --json`.
 */
export async function readTarball(path: string): Promise<Map<string, Buffer>> {
  const archive = gunzipSync(await readFile(path));
  const files = new Map<string, Buffer>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = field(header, 156, 1) || "0";
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    const data = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      longName = paxPath(data);
      continue;
    }
    longName = undefined;
    if (type === "0" || type === "\0") files.set(name.replace(/^[^/]+\//, ""), Buffer.from(data));
  }
  return files;
}
