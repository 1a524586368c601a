import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { repoRoot } from "../shared/repo-paths.js";
import { attwProblems, publintProblems } from "./lint-packages.js";
import { type PackedPackage, packAll } from "./pack.js";
import { packedPackageProblems } from "./packed-contents.js";

export interface PackageReport {
  packed: PackedPackage;
  problems: string[];
}

/** Packs every published package and runs every packaging check on the tarballs. */
export async function checkPackages(destination: string): Promise<PackageReport[]> {
  const packed = await packAll(destination);
  return Promise.all(
    packed.map(async (pkg) => ({
      packed: pkg,
      problems: [
        ...(await packedPackageProblems(pkg)),
        ...(await publintProblems(pkg.tarball)),
        ...(await attwProblems(pkg.tarball)),
      ],
    })),
  );
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** `pnpm check:packages`: prints one block per package; exit 1 when anything is wrong. */
export async function runCheckPackages(): Promise<number> {
  const started = performance.now();
  const destination = await mkdtemp(join(tmpdir(), "specsdk-pack-"));
  try {
    const reports = await checkPackages(destination);
    let failed = 0;
    for (const { packed, problems } of reports) {
      const where = relative(repoRoot, packed.dir);
      console.log(
        `${problems.length === 0 ? "ok  " : "FAIL"} ${packed.name}@${packed.packedManifest.version} (${where}): ${packed.files.length} files, ${kib(packed.packedBytes)} packed, ${kib(packed.unpackedBytes)} unpacked`,
      );
      for (const problem of problems) console.log(`       ${problem}`);
      if (problems.length > 0) failed += 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `check:packages: ${reports.length - failed} of ${reports.length} packages clean (file list, metadata, README, publint, attw) in ${seconds} s`,
    );
    return failed === 0 ? 0 : 1;
  } finally {
    await rm(destination, { recursive: true, force: true });
  }
}
