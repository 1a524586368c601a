import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../src/shared/repo-paths.js";
import { loadProviderConfig, parseProviderConfig } from "../src/spec/provider-config.js";
import { parseOperationKey } from "../src/spec/upstream-config.js";

async function configWith(upstream: unknown) {
  const path = join(repoRoot, "packages/primeintellect/provider.config.json");
  return { ...JSON.parse(await readFile(path, "utf8")), upstream };
}

/** The first problem, without its `file:line:col: ` (provider-config.test.ts checks those). */
function problem(raw: unknown): string {
  try {
    parseProviderConfig(JSON.stringify(raw, null, 2), "provider.config.json");
    return "";
  } catch (error) {
    return (error as Error).message.replace(/^provider\.config\.json:\d+:\d+: /, "");
  }
}

describe("provider.config.json `upstream`", () => {
  it("both committed configs name their upstream and kept operations", async () => {
    for (const provider of ["modelslab", "primeintellect"]) {
      const config = await loadProviderConfig(join(repoRoot, "packages", provider, "provider.config.json"));
      expect(config.upstream?.url).toMatch(/^https:\/\//);
      expect(config.upstream?.keep?.length).toBeGreaterThan(0);
    }
  });

  it("is optional", async () => {
    const { upstream: _, ...config } = await configWith(undefined);
    expect(problem(config)).toBe("");
  });

  it.each([
    [{ url: "https://example.com/openapi.json" }, ""],
    ["https://example.com/openapi.json", '"upstream" must be an object'],
    [{}, '"upstream.url" is required: The OpenAPI document\'s https URL (JSON or YAML).'],
    [{ url: "http://example.com/o.json" }, '"upstream.url" must be an https:// URL'],
    [{ url: "not a url" }, '"upstream.url" must be an https:// URL'],
    [
      { url: "https://e.com/o.json", keepOnly: [] },
      '"upstream.keepOnly" is not a known property; did you mean "keep"? (allowed: "url", "keep")',
    ],
    [
      { url: "https://e.com/o.json", keep: [] },
      '"upstream.keep" must be a non-empty array of "METHOD /path" strings, e.g. ["POST /delete_image"]; leave it out to keep every operation',
    ],
    [
      { url: "https://e.com/o.json", keep: ["post /delete_image"] },
      '"upstream.keep[0]" must be "METHOD /path" with an upper-case HTTP method, e.g. "POST /delete_image"',
    ],
    [
      { url: "https://e.com/o.json", keep: ["POST /a", "FETCH /b"] },
      '"upstream.keep[1]" must be "METHOD /path" with an upper-case HTTP method, e.g. "POST /delete_image"',
    ],
    [
      { url: "https://e.com/o.json", keep: ["POST /a", "POST /a"] },
      '"upstream.keep[1]" repeats "POST /a", already at "upstream.keep[0]"; remove one',
    ],
  ])("%j → %s", async (upstream, expected) => {
    expect(problem(await configWith(upstream))).toBe(expected);
  });

  it("parses operation keys", () => {
    expect(parseOperationKey("DELETE /api/v1/images/{image_name}/{image_tag}")).toEqual({
      method: "delete",
      path: "/api/v1/images/{image_name}/{image_tag}",
    });
    expect(parseOperationKey("POST delete_image")).toBeUndefined();
    expect(parseOperationKey("POST  /x")).toBeUndefined();
  });
});
