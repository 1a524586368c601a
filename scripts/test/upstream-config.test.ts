import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateProviderConfig } from "../src/lib/provider-config.js";
import { repoRoot } from "../src/lib/repo-paths.js";
import { parseOperationKey } from "../src/lib/upstream-config.js";

async function configWith(upstream: unknown) {
  const path = join(repoRoot, "packages/primeintellect/provider.config.json");
  return { ...JSON.parse(await readFile(path, "utf8")), upstream };
}

function problem(raw: unknown): string {
  try {
    validateProviderConfig(raw, "provider.config.json");
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("provider.config.json `upstream`", () => {
  it("both committed configs name their upstream and kept operations", async () => {
    for (const provider of ["modelslab", "primeintellect"]) {
      const path = join(repoRoot, "packages", provider, "provider.config.json");
      const config = validateProviderConfig(JSON.parse(await readFile(path, "utf8")), path);
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
    [
      "https://example.com/openapi.json",
      'provider.config.json: "upstream" must be an object: { "url": "https://…", "keep": ["METHOD /path", …] }',
    ],
    [{}, 'provider.config.json: missing required field "upstream.url"'],
    [
      { url: "http://example.com/o.json" },
      'provider.config.json: "upstream.url" must be an https:// URL (got "http://example.com/o.json")',
    ],
    [{ url: "not a url" }, 'provider.config.json: "upstream.url" must be an https:// URL (got "not a url")'],
    [
      { url: "https://e.com/o.json", keepOnly: [] },
      'provider.config.json: unknown field "upstream.keepOnly" (allowed: "url", "keep")',
    ],
    [
      { url: "https://e.com/o.json", keep: [] },
      /"upstream\.keep" must be a non-empty array of "METHOD \/path" strings/,
    ],
    [
      { url: "https://e.com/o.json", keep: ["post /delete_image"] },
      /"upstream\.keep\[0\]" must be "METHOD \/path" with an upper-case HTTP method, e\.g\. "POST \/delete_image" \(got "post \/delete_image"\)/,
    ],
    [
      { url: "https://e.com/o.json", keep: ["POST /a", "FETCH /b"] },
      /"upstream\.keep\[1\]" must be "METHOD \/path".*\(got "FETCH \/b"\)/,
    ],
    [
      { url: "https://e.com/o.json", keep: ["POST /a", "POST /a"] },
      'provider.config.json: "upstream.keep" lists "POST /a" twice',
    ],
  ])("%j → %s", async (upstream, expected) => {
    const message = problem(await configWith(upstream));
    if (typeof expected === "string") expect(message).toBe(expected);
    else expect(message).toMatch(expected);
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
