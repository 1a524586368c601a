/** `pnpm specs:vendor <spec-or-doc-page> <provider>`: see lib/run-vendor.ts. */
import { runCli } from "../lib/run-cli.js";
import { runVendor } from "../lib/run-vendor.js";

runCli("specs:vendor", runVendor);
