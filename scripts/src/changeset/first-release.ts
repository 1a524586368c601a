/**
 * A new provider's first changeset, written by `pnpm providers:add`: its CHANGELOG's first entry
 * says what the package is. The package is generated at 0.0.0 (generate/generate-provider.ts), so this
 * `minor` releases 0.1.0.
 */
export function firstReleaseChangeset(packageName: string, apiTitle: string, specVersion: string): string {
  return [
    "---",
    `${JSON.stringify(packageName)}: minor`,
    "---",
    "",
    `First release: typed client for ${apiTitle.trim()}, generated from its OpenAPI spec (version ${specVersion.trim()}).`,
    "",
  ].join("\n");
}

export function firstReleaseFileName(provider: string): string {
  return `${provider}-first-release.md`;
}

/** The changeset that releases a new provider's generated MCP server (`<package>-mcp`) beside it. */
export function firstMcpReleaseChangeset(packageName: string, apiTitle: string): string {
  return [
    "---",
    `${JSON.stringify(packageName)}: minor`,
    "---",
    "",
    `First release: MCP server for ${apiTitle.trim()}, one tool per operation, generated from its OpenAPI spec.`,
    "",
  ].join("\n");
}
