import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { unpackTar } from "modern-tar";

/**
 * The regular files of a packed npm tarball (`.tgz`), by path without the leading `package/`.
 * Reads the archive itself rather than a pack tool's report of it: pnpm adds the workspace LICENSE
 * to the tarball without listing it in `pnpm pack --json`. modern-tar reads ustar and pax names.
 */
export async function readTarball(path: string): Promise<Map<string, Buffer>> {
  const entries = await unpackTar(gunzipSync(await readFile(path)), { strip: 1 });
  const files = new Map<string, Buffer>();
  for (const { header, data } of entries) {
    if (header.type === "file") files.set(header.name, Buffer.from(data ?? new Uint8Array()));
  }
  return files;
}
