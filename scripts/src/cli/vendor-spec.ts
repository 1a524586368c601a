/** `pnpm specs:vendor <spec-or-doc-page> <provider>`: see spec/run-vendor.ts. */
import { command, runCli } from "./run-cli.js";

const vendor = command(
  "specs:vendor",
  "Copy an OpenAPI document into specs/<provider>.yaml and record its SHA-256 beside it.",
  [
    "pnpm specs:vendor path/to/openapi.yaml modelslab",
    "pnpm specs:vendor docs/api-page.md primeintellect --allow-remote-refs",
  ],
)
  .argument("<spec-or-doc-page>", "a spec file, or a documentation page whose ```yaml block is the spec")
  .argument("<provider>", "the provider name: writes specs/<provider>.yaml and its .sha256")
  .option("--allow-remote-refs", "fetch and bundle in external $refs that are URLs (default: local files only)");

runCli(vendor, async (source: string, provider: string, options: { allowRemoteRefs?: true }) => {
  const { runVendor } = await import("../spec/run-vendor.js");
  return runVendor({ source, provider, allowRemoteRefs: options.allowRemoteRefs });
});
