import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { digestLine } from "../src/shared/sha256.js";
import { loadSpec } from "../src/spec/load-spec.js";
import type { OpenApiDocument } from "../src/spec/openapi-types.js";
import { runSync } from "../src/sync/run-sync.js";
import { closedPortUrl, type LoopbackServer, startLoopbackServer } from "./loopback-server.js";
import { tempRepo } from "./temp-repo.js";

const DELETE_OP = "DELETE /api/v1/images/{image_name}/{image_tag}";

let repo: Awaited<ReturnType<typeof tempRepo>>;
let upstream: LoopbackServer;
let vendored: OpenApiDocument;

beforeAll(async () => {
  upstream = await startLoopbackServer();
});
afterAll(() => upstream.close());
beforeEach(async () => {
  repo = await tempRepo();
  vendored = parse(await readFile(join(repo.root, "specs/primeintellect.yaml"), "utf8"));
  upstream.routes.clear();
  upstream.requested.length = 0;
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await repo.dispose();
});

const printed = (stream: "log" | "error") =>
  vi
    .mocked(console[stream])
    .mock.calls.map((call) => call.join(" "))
    .join("\n");

/** Both vendored files of a provider, byte for byte. */
async function vendoredFiles(provider: string): Promise<[Buffer, Buffer]> {
  const spec = join(repo.root, "specs", `${provider}.yaml`);
  return [await readFile(spec), await readFile(`${spec}.sha256`)];
}

/** The Prime Intellect document as upstream publishes it: more operations and components than we keep. */
function upstreamDocument(): OpenApiDocument {
  const document = structuredClone(vendored) as any;
  document.info.version = "0.2.0";
  document.paths["/api/v1/images"] = {
    get: {
      operationId: "list_user_images_api_v1_images_get",
      summary: "List User Images",
      tags: ["Images"],
      responses: {
        "200": {
          description: "Successful Response",
          content: { "application/json": { schema: { $ref: "#/components/schemas/ImageList" } } },
        },
      },
      security: [{ HTTPBearer: [] }],
    },
  };
  document.paths["/api/v1/pods"] = {
    get: {
      operationId: "list_pods_api_v1_pods_get",
      tags: ["Pods"],
      responses: { "200": { description: "OK" } },
      security: [{ APIKeyHeader: [] }],
    },
  };
  document.tags = [{ name: "Images" }, { name: "Pods" }];
  Object.assign(document.components.schemas, {
    ImageList: {
      type: "object",
      properties: { images: { type: "array", items: { $ref: "#/components/schemas/Image" } } },
    },
    Image: { type: "object", properties: { name: { type: "string" }, createdAt: { type: "string" } } },
    Unused: { type: "string", enum: ["yes", "no", "on", "2024-01-01"] },
  });
  document.components.securitySchemes.APIKeyHeader = { type: "apiKey", in: "header", name: "X-Api-Key" };
  // A change that reaches the kept operation only through a referenced component.
  document.components.schemas.ErrorDetail.properties.details.description = "What is wrong with the parameter";
  return document;
}

function serve(path: string, body: unknown, status = 200) {
  upstream.routes.set(path, { status, body: typeof body === "string" ? body : JSON.stringify(body, null, 2) });
  return `${upstream.url}${path}`;
}

async function setKeep(provider: string, keep: string[] | undefined) {
  const path = join(repo.root, "packages", provider, "provider.config.json");
  const config = JSON.parse(await readFile(path, "utf8"));
  if (keep) config.upstream.keep = keep;
  else delete config.upstream;
  await writeFile(path, JSON.stringify(config, null, 2));
}

describe("pnpm specs:sync", () => {
  it("a changed upstream: filters to the kept operation, prunes components, writes spec + digest, summarizes", async () => {
    const url = serve("/openapi.json", upstreamDocument());
    expect(await runSync({ providers: ["primeintellect"], from: url }, repo.root)).toBe(0);

    const text = await readFile(join(repo.root, "specs/primeintellect.yaml"), "utf8");
    const written = parse(text) as any;
    expect(Object.keys(written.paths)).toEqual(["/api/v1/images/{image_name}/{image_tag}"]);
    expect(Object.keys(written.components.schemas).sort()).toEqual([
      "DeleteImageResponse",
      "ErrorDetail",
      "ErrorResponse",
    ]);
    expect(Object.keys(written.components.securitySchemes)).toEqual(["HTTPBearer"]);
    expect(written.tags).toEqual([{ name: "Images" }]);
    expect(written.components.schemas.ErrorDetail.properties.details.description).toBe(
      "What is wrong with the parameter",
    );
    expect(await readFile(join(repo.root, "specs/primeintellect.yaml.sha256"), "utf8")).toBe(
      digestLine(text, "primeintellect.yaml"),
    );
    await loadSpec(join(repo.root, "specs/primeintellect.yaml")); // still a valid spec

    const out = printed("log");
    expect(out).toContain(`primeintellect: updated ${join(repo.root, "specs/primeintellect.yaml")} from ${url}`);
    expect(out).toContain(`~ ${DELETE_OP}: responses 422`);
    expect(out).toContain("info.version 0.1.0 → 0.2.0");
    expect(out).not.toContain("GET /api/v1/images");
  });

  it("keeps components reached transitively by a newly kept operation, and lists it as added", async () => {
    await setKeep("primeintellect", [DELETE_OP, "GET /api/v1/images"]);
    const url = serve("/openapi.json", upstreamDocument());
    expect(await runSync({ providers: ["primeintellect"], from: url }, repo.root)).toBe(0);
    const written = parse(await readFile(join(repo.root, "specs/primeintellect.yaml"), "utf8")) as any;
    expect(Object.keys(written.paths)).toEqual(["/api/v1/images/{image_name}/{image_tag}", "/api/v1/images"]);
    expect(Object.keys(written.components.schemas).sort()).toEqual([
      "DeleteImageResponse",
      "ErrorDetail",
      "ErrorResponse",
      "Image",
      "ImageList",
    ]);
    expect(printed("log")).toContain("+ GET /api/v1/images");
  });

  it("is deterministic: syncing the same upstream again changes no byte and says up to date", async () => {
    const url = serve("/openapi.json", upstreamDocument());
    expect(await runSync({ providers: ["primeintellect"], from: url }, repo.root)).toBe(0);
    const first = await vendoredFiles("primeintellect");
    expect(await runSync({ providers: ["primeintellect"], from: url }, repo.root)).toBe(0);
    expect(await vendoredFiles("primeintellect")).toEqual(first);
    expect(printed("log")).toContain("primeintellect: ");
    expect(printed("log")).toMatch(/is up to date with http:\/\/127\.0\.0\.1:\d+\/openapi\.json/);
  });

  it("an upstream equal in meaning (JSON, other key order) does not churn the vendored YAML", async () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : typeof value === "object" && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, child]) => [key, reversed(child)]),
            )
          : value;
    const before = await vendoredFiles("primeintellect");
    const url = serve("/openapi.json", JSON.stringify(reversed(vendored)));
    expect(await runSync({ providers: ["primeintellect"], from: url }, repo.root)).toBe(0);
    expect(await vendoredFiles("primeintellect")).toEqual(before);
    expect(printed("log")).toContain("is up to date");
  });

  it("SPECSDK_UPSTREAM_<PROVIDER> overrides the configured URL", async () => {
    const url = serve("/mirror.json", upstreamDocument());
    const env = { SPECSDK_UPSTREAM_PRIMEINTELLECT: url };
    expect(await runSync({ providers: ["primeintellect"] }, repo.root, env)).toBe(0);
    expect(upstream.requested).toContain("/mirror.json");
    expect(printed("log")).toContain(`from ${url}`);
  });

  describe("--check", () => {
    it("exits 1 and lists the differences when upstream changed, writing nothing", async () => {
      const before = await vendoredFiles("primeintellect");
      const url = serve("/openapi.json", upstreamDocument());
      expect(await runSync({ providers: ["primeintellect"], check: true, from: url }, repo.root)).toBe(1);
      expect(await vendoredFiles("primeintellect")).toEqual(before);
      expect(printed("log")).toContain(`primeintellect: upstream ${url} differs from`);
      expect(printed("log")).toContain(`~ ${DELETE_OP}: responses 422`);
      expect(printed("error")).toContain("specs:sync --check: 1 spec(s) differ from upstream");
    });

    it("exits 0 when upstream says the same thing", async () => {
      const url = serve("/openapi.json", vendored);
      expect(await runSync({ providers: ["primeintellect"], check: true, from: url }, repo.root)).toBe(0);
    });
  });

  describe("a failed or invalid download leaves both files byte-identical", () => {
    async function expectFailure(url: string, message: string | RegExp) {
      const before = await vendoredFiles("primeintellect");
      expect(await runSync({ providers: ["primeintellect"], from: url }, repo.root)).toBe(1);
      expect(await vendoredFiles("primeintellect")).toEqual(before);
      const error = printed("error");
      expect(error).toMatch(/^specs:sync: primeintellect: /);
      expect(error).toMatch(message);
      expect(error).toContain("specs/primeintellect.yaml left unchanged");
      expect(printed("log")).toBe("");
    }

    it("invalid OpenAPI: names the URL, the problem and where it is", async () => {
      const broken = structuredClone(vendored) as any;
      broken.paths["/api/v1/images/{image_name}/{image_tag}"].delete.parameters[0].in = "body";
      const url = serve("/openapi.json", broken);
      await expectFailure(url, new RegExp(`${url}: invalid OpenAPI: .*#/paths/~1api~1v1~1images`));
    });

    it("not JSON or YAML: names the URL, line and column", async () => {
      const url = serve("/openapi.json", '{\n  "openapi": "3.1.0",\n  "info": {');
      await expectFailure(url, new RegExp(`${url}:\\d+:\\d+: invalid YAML/JSON`));
    });

    it("an HTTP error status", async () => {
      const url = serve("/openapi.json", "maintenance", 503);
      await expectFailure(url, `${url}: answered HTTP 503 Service Unavailable, expected 200`);
    });

    it("a 404", async () => {
      await expectFailure(`${upstream.url}/no-such-spec.json`, "answered HTTP 404 Not Found, expected 200");
    });

    it("an unreachable address (closed port)", async () => {
      const url = `${await closedPortUrl()}/openapi.json`;
      await expectFailure(url, `${url}: cannot fetch: connect ECONNREFUSED`);
    });

    it("a kept operation the upstream no longer has", async () => {
      const document = upstreamDocument() as any;
      delete document.paths["/api/v1/images/{image_name}/{image_tag}"];
      const url = serve("/openapi.json", document);
      await expectFailure(url, `upstream has no ${DELETE_OP}, which "upstream.keep" lists`);
    });
  });

  it("syncs providers independently: one failing does not stop the other, and the exit code says so", async () => {
    const before = await vendoredFiles("modelslab");
    const env = {
      SPECSDK_UPSTREAM_MODELSLAB: `${upstream.url}/down`,
      SPECSDK_UPSTREAM_PRIMEINTELLECT: serve("/openapi.json", upstreamDocument()),
    };
    expect(await runSync({}, repo.root, env)).toBe(1);
    expect(await vendoredFiles("modelslab")).toEqual(before);
    expect(printed("error")).toContain("specs:sync: modelslab: ");
    expect(printed("log")).toContain("primeintellect: updated");
  });

  it("usage errors exit 2", async () => {
    expect(await runSync({ providers: ["nope"] }, repo.root)).toBe(2);
    expect(await runSync({ from: `${upstream.url}/x` }, repo.root)).toBe(2);
    await setKeep("modelslab", undefined);
    expect(await runSync({ providers: ["modelslab"] }, repo.root)).toBe(2);
    expect(printed("error")).toContain('modelslab has no "upstream"');
    expect(upstream.requested).toEqual([]);
  });
});
