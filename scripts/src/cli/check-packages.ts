/**
 * `pnpm check:packages`
 *
 * Packs every published package with pnpm (what `changeset publish` uploads) and checks each tarball:
 * exactly the expected files, complete package.json metadata with no `workspace:` ranges left, a README
 * with install/usage/errors/options, publint (every level) and Are the Types Wrong? clean.
 * The root script builds first; this file assumes dist/ is current.
 */

import { command, runCli } from "./run-cli.js";

const checkPackages = command(
  "check:packages",
  "Build, pack every published package and check each tarball (files, metadata, README, publint, attw).",
  ["pnpm check:packages"],
);

runCli(checkPackages, async () => {
  const { runCheckPackages } = await import("../packaging/check-packages.js");
  return runCheckPackages();
});
