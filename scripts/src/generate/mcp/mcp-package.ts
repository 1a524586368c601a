import type { ProviderModel } from "../../model/provider-model.js";
import { type Code, docComment, identifier, literal, ts } from "../emit/code.js";
import { generatedHeader } from "../emit/header.js";
import { BUILD_SCRIPT } from "../emit/package-files.js";
import type { McpToolTable } from "./mcp-tools.js";

/**
 * The generated `<provider>-mcp` package: data (the tool table) and a few lines wiring it to the
 * provider's client and `@specsdk/mcp`, the runtime every MCP package shares.
 */

/** Folder under packages/ and bin name: `modelslab` → `modelslab-mcp`. */
export function mcpPackageDir(model: ProviderModel): string {
  return `${model.name}-mcp`;
}

/** `@specsdk/modelslab` → `@specsdk/modelslab-mcp`. */
export function mcpPackageName(model: ProviderModel): string {
  return `${model.config.packageName}-mcp`;
}

/** `--base-url`'s environment variable: `MODELSLAB_BASE_URL`. */
export function baseUrlEnvVar(model: ProviderModel): string {
  return `${model.name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_BASE_URL`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function emitMcpPackageJson(model: ProviderModel, version: string): string {
  const { config } = model;
  const dir = mcpPackageDir(model);
  return json({
    name: mcpPackageName(model),
    version,
    description: `MCP server for the ${config.displayName} API: one tool per operation, generated from its OpenAPI spec.`,
    license: "MIT",
    type: "module",
    sideEffects: false,
    engines: { node: ">=20.19" },
    bin: { [dir]: "./dist/bin.js" },
    exports: {
      ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
      "./package.json": "./package.json",
    },
    main: "./dist/index.js",
    types: "./dist/index.d.ts",
    files: ["dist", "README.md"],
    keywords: [...new Set(["mcp", "model-context-protocol", "openapi", model.name, ...(config.keywords ?? [])])],
    ...(config.homepage ? { homepage: config.homepage } : {}),
    repository: { type: "git", url: "git+https://github.com/specsdk/specsdk.git", directory: `packages/${dir}` },
    bugs: { url: "https://github.com/specsdk/specsdk/issues" },
    scripts: { build: BUILD_SCRIPT, typecheck: "tsc --noEmit" },
    dependencies: { [config.packageName]: "workspace:^", "@specsdk/mcp": "workspace:^" },
    devDependencies: { "@types/node": "20.19.43", typescript: "5.9.3" },
    publishConfig: { access: "public", provenance: true },
  });
}

export function emitMcpTsconfig(): string {
  return json({ extends: "../../tsconfig.base.json", include: ["src"] });
}

/** The tool table: JSON values only, every spec string a JSON literal. */
export function emitMcpTools(model: ProviderModel, { definitions, tools }: McpToolTable): Code {
  return ts`${generatedHeader(model)}
import type { ToolDefinition } from "@specsdk/mcp";

/** The schemas tools refer to (\`#/$defs/<name>\`), each once: a tool lists the names it needs. */
export const definitions: Readonly<Record<string, unknown>> = ${literal(definitions, 2)};

${docComment([`One MCP tool per operation of specs/${model.specFile}.`])}
export const tools: readonly ToolDefinition[] = ${literal(tools, 2)};
`;
}

/** The entry point: the server definition (the tool table wired to the provider's client). */
export function emitMcpEntryPoint(model: ProviderModel): Code {
  const { config } = model;
  const factory = identifier(config.clientFactory);
  return ts`${generatedHeader(model)}
import type { ProviderServerDefinition } from "@specsdk/mcp";
import { ${factory} } from ${literal(config.packageName)};
import { definitions, tools } from "./tools.js";

export { definitions, tools };

${docComment([`Everything \`${mcpPackageDir(model)}\` serves: pass it to \`runMcpCli\` or \`createMcpServer\` from @specsdk/mcp.`])}
export const server: ProviderServerDefinition = {
  name: ${literal(mcpPackageDir(model))},
  displayName: ${literal(config.displayName)},
  ${config.auth.envVar ? ts`apiKeyEnvVar: ${literal(config.auth.envVar)},\n  ` : ts``}baseUrlEnvVar: ${literal(baseUrlEnvVar(model))},
  packageJsonUrl: new URL("../package.json", import.meta.url),
  tools,
  definitions,
  createClient: (options) => ${factory}(options),
};
`;
}

/** The `bin`: runs the server with the command line; stdio unless --http. */
export function emitMcpBin(model: ProviderModel): Code {
  return ts`#!/usr/bin/env node
${generatedHeader(model)}
import { runMcpCli } from "@specsdk/mcp";
import { server } from "./index.js";

process.exitCode = await runMcpCli(server, process.argv.slice(2));
`;
}
