import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { liveUpstreamEnvVar, liveUpstreamUrl } from "../src/live/live-upstream.js";
import { redactingLines } from "../src/live/redact.js";
import { repoRoot } from "../src/shared/repo-paths.js";
import type { OpenApiDocument } from "../src/spec/openapi-types.js";

const spec = async (name: string) =>
  parse(await readFile(join(repoRoot, "specs", `${name}.yaml`), "utf8")) as OpenApiDocument;

describe("live check upstream", () => {
  it("is the server the operations are served from", async () => {
    expect(liveUpstreamUrl(await spec("primeintellect"))).toBe("https://api.primeintellect.ai");
    expect(liveUpstreamUrl(await spec("modelslab"))).toBe("https://modelslab.com/api/v3"); // the operation's own
    expect(liveUpstreamEnvVar("primeintellect")).toBe("SPECSDK_LIVE_UPSTREAM_PRIMEINTELLECT");
  });

  it("refuses a spec whose operations live on different servers", async () => {
    const document = await spec("modelslab");
    document.paths = {
      ...document.paths,
      "/other": { get: { responses: {}, servers: [{ url: "https://modelslab.com/api/v6" }] } },
    };
    expect(() => liveUpstreamUrl(document)).toThrow(
      "its operations use 2 different servers (https://modelslab.com/api/v3, https://modelslab.com/api/v6)",
    );
  });
});

describe("redacting child output", () => {
  it("catches a secret split across chunks, and flushes the last line", () => {
    const target = new PassThrough();
    let seen = "";
    target.on("data", (chunk) => {
      seen += chunk;
    });
    const sink = redactingLines(["sk-secret-value"], target);
    for (const chunk of ["Authorization: Bearer sk-sec", "ret-value\nnext line sk-secret-", "value"]) sink.write(chunk);
    expect(seen).toBe("Authorization: Bearer [redacted]\n");
    sink.end();
    expect(seen).toBe("Authorization: Bearer [redacted]\nnext line [redacted]");
  });
});
