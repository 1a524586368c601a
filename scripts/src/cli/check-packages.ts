/**
 * `pnpm check:packages`
 *
 * Packs every published package with pnpm (what `changeset publish` uploads) and checks each tarball:
 * exactly the expected files, complete package.json metadata with no `workspace:` ranges left, a README
 * with install/usage/errors/options, publint (every level) and Are the Types Wrong? clean.
 * The root script builds first; this file assumes dist/ is current.
 */

import { runCli } from "../lib/run-cli.js";
import { runCheckPackages } from "../packaging/check-packages.js";

runCli("check:packages", runCheckPackages);
