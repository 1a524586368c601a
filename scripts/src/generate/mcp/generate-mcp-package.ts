import { join } from "node:path";
import type { ProviderModel } from "../../model/provider-model.js";
import type { GeneratedFiles } from "../emit/generated-files.js";
import { emitTsconfigBuild } from "../emit/package-files.js";
import {
  emitMcpBin,
  emitMcpEntryPoint,
  emitMcpPackageJson,
  emitMcpTools,
  emitMcpTsconfig,
  mcpPackageDir,
} from "./mcp-package.js";
import { emitMcpReadme } from "./mcp-readme.js";
import { mcpTools } from "./mcp-tools.js";

/** A generated MCP package starts unreleased: its first changeset releases 0.1.0. */
const MCP_INITIAL_VERSION = "0.0.0";

/** Every file of `packages/<provider>-mcp/`, in memory: the tool table and the wiring to @specsdk/mcp. */
export async function generateMcpPackage(
  model: ProviderModel,
  packagesDir: string,
  currentVersion: (packageDir: string, initial: string) => Promise<string>,
): Promise<{ dir: string; files: GeneratedFiles }> {
  const dir = mcpPackageDir(model);
  const table = mcpTools(model);
  const files: GeneratedFiles = new Map([
    ["src/generated/tools.ts", emitMcpTools(model, table).text],
    ["src/generated/index.ts", emitMcpEntryPoint(model).text],
    ["src/generated/bin.ts", emitMcpBin(model).text],
    ["package.json", emitMcpPackageJson(model, await currentVersion(join(packagesDir, dir), MCP_INITIAL_VERSION))],
    ["tsconfig.json", emitMcpTsconfig()],
    ["tsconfig.build.json", emitTsconfigBuild()],
    ["README.md", emitMcpReadme(model, table.tools)],
  ]);
  return { dir, files };
}
