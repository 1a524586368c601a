/** `pnpm providers:add <name> <spec-file-or-url>`: see add-provider/run-add-provider.ts. */
import { command, runCli } from "./run-cli.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

const addProvider = command(
  "providers:add",
  "Add a provider from its OpenAPI spec: vendor it, infer provider.config.json, generate, link, build and type-check.",
  [
    "pnpm providers:add acme ./acme-openapi.yaml",
    "pnpm providers:add acme https://api.acme.dev/openapi.json --auth header:X-Api-Key --env-var ACME_KEY",
    'pnpm providers:add acme ./openapi.json --keep "GET /widgets" --keep "POST /widgets"',
  ],
)
  .argument("<name>", "the provider name: specs/<name>.yaml and packages/<name> (lowercase letters, digits, -)")
  .argument("<spec-file-or-url>", "an OpenAPI 3.x file, a page with a ```yaml block, or an http(s) URL")
  .option(
    "--auth <placement>",
    "where the key goes: bearer | basic | none | header:<name> | query:<name> | cookie:<name> | body:<field> (default: from the spec's security schemes)",
  )
  .option("--env-var <NAME>", "the environment variable the client reads the key from (default: <NAME>_API_KEY)")
  .option("--keep <operation>", 'keep only this operation, as "METHOD /path" (repeatable; default: all)', collect)
  .option("--allow-remote-refs", "fetch and bundle in external $refs that are URLs (default: local files only)");

runCli(
  addProvider,
  async (
    provider: string,
    source: string,
    options: { auth?: string; envVar?: string; keep?: string[]; allowRemoteRefs?: true },
  ) => {
    const { runAddProvider } = await import("../add-provider/run-add-provider.js");
    return runAddProvider({ provider, source, ...options });
  },
);
