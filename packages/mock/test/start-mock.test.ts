import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createPrimeIntellectClient, NotFoundError, UnprocessableEntityError } from "@specsdk/primeintellect";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, MockStartError, startMock } from "../src/index.js";

const PRIME_INTELLECT_DIR = fileURLToPath(new URL("../../primeintellect/", import.meta.url));
const WIDGETS = fileURLToPath(new URL("./fixtures/widgets.yaml", import.meta.url));
const IMAGE = { image_name: "my-img", image_tag: "v1" };

/** Servers a test started; closed after it even when it fails. */
const started: MockServer[] = [];
async function start(...args: Parameters<typeof startMock>): Promise<MockServer> {
  const mock = await startMock(...args);
  started.push(mock);
  return mock;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((mock) => mock.close()));
});

async function rejection(promise: Promise<unknown>): Promise<MockStartError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MockStartError);
  return error as MockStartError;
}

function deleteImage(mock: MockServer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${mock.url}/api/v1/images/my-img/v1`, {
    method: "DELETE",
    headers: { authorization: "Bearer test", ...headers },
  });
}

function listening(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe("startMock(provider)", () => {
  it("serves the spec the provider package ships, on a free 127.0.0.1 port, answering with its examples", async () => {
    const mock = await start("primeintellect", { from: PRIME_INTELLECT_DIR });
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(mock.url).port)).toBeGreaterThan(0);
    expect(mock.spec).toBe(join(PRIME_INTELLECT_DIR, "openapi.yaml"));
    const response = await deleteImage(mock);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(await response.json()).toEqual({ success: true, message: "string" });
  });

  it("a provider client calls it; Prefer: code=404 and code=422 throw the typed error classes", async () => {
    const mock = await start("@specsdk/primeintellect", { from: PRIME_INTELLECT_DIR });
    const client = createPrimeIntellectClient({ baseUrl: mock.url, apiKey: "test" });
    await expect(client.deleteUserImage(IMAGE)).resolves.toEqual({ success: true, message: "string" });

    const notFound = client.deleteUserImage(IMAGE, { headers: { Prefer: "code=404" } });
    await expect(notFound).rejects.toBeInstanceOf(NotFoundError);
    await expect(notFound).rejects.toMatchObject({ status: 404 });

    const invalid = client.deleteUserImage(IMAGE, { headers: { Prefer: "code=422" } });
    await expect(invalid).rejects.toBeInstanceOf(UnprocessableEntityError);
    await expect(invalid).rejects.toMatchObject({ body: { errors: [{ param: "string", details: "string" }] } });

    const { error, response } = await client.DELETE("/api/v1/images/{image_name}/{image_tag}", {
      params: { path: IMAGE },
      headers: { Prefer: "code=422" },
    });
    expect(response.status).toBe(422);
    expect(error).toEqual({ errors: [{ param: "string", details: "string" }] });
  });

  it("checks requests against the spec: no credentials → 401", async () => {
    const mock = await start("primeintellect", { from: PRIME_INTELLECT_DIR });
    const response = await fetch(`${mock.url}/api/v1/images/my-img/v1`, { method: "DELETE" });
    expect(response.status).toBe(401);
  });

  it("`dynamic` (option, or Prefer: dynamic=true per request) builds responses from the schema", async () => {
    const fixed = await start("primeintellect", { from: PRIME_INTELLECT_DIR });
    const perRequest = await (await deleteImage(fixed, { Prefer: "dynamic=true" })).json();
    expect(perRequest).toMatchObject({ success: expect.any(Boolean), message: expect.any(String) });
    expect(perRequest.message).not.toBe("string");

    const dynamic = await start("primeintellect", { from: PRIME_INTELLECT_DIR, dynamic: true });
    const generated = await (await deleteImage(dynamic)).json();
    expect(generated).toMatchObject({ success: expect.any(Boolean), message: expect.any(String) });
    expect(generated.message).not.toBe("string");
    expect(await (await deleteImage(dynamic, { Prefer: "dynamic=false" })).json()).toEqual({
      success: true,
      message: "string",
    });
  });
});

describe("startMock({ spec })", () => {
  it("serves a spec file; Prefer: example= picks a named example, code= a documented status", async () => {
    const mock = await start({ spec: WIDGETS });
    expect(mock.spec).toBe(WIDGETS);
    expect(await (await fetch(`${mock.url}/widgets/1`)).json()).toEqual({ id: 1, name: "small" });
    const missing = await fetch(`${mock.url}/widgets/1`, { headers: { Prefer: "code=404" } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: "no such widget" });
    const invalidId = await fetch(`${mock.url}/widgets/abc`);
    expect(invalidId.status).toBe(422);
    expect(invalidId.headers.get("content-type")).toContain("application/problem+json");
  });

  it("a response that breaks the spec's schema: flagged in sl-violations, or a 500 with `errors: true`", async () => {
    const lenient = await start({ spec: new URL("./fixtures/widgets.yaml", import.meta.url) });
    const sent = await fetch(`${lenient.url}/widgets/1`, { headers: { Prefer: "example=broken" } });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({ id: "one", name: "broken" });
    expect(JSON.parse(sent.headers.get("sl-violations") ?? "[]")).toEqual([
      expect.objectContaining({ location: ["response", "body", "id"] }),
    ]);

    const strict = await start({ spec: WIDGETS }, { errors: true });
    const refused = await fetch(`${strict.url}/widgets/1`, { headers: { Prefer: "example=broken" } });
    expect(refused.status).toBe(500);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect((await fetch(`${strict.url}/widgets/1`)).status).toBe(200);
  });
});

describe("shared schemas", () => {
  const DEPTH = 40;
  /** `Level0` … `Level40`: each level's two properties are both the next level, the last has a nullable `name`. */
  function sharingSpec() {
    const schemas: Record<string, object> = {};
    for (let level = 0; level < DEPTH; level++) {
      const next = { $ref: `#/components/schemas/Level${level + 1}` };
      schemas[`Level${level}`] = { type: "object", properties: { left: next, right: next } };
    }
    schemas[`Level${DEPTH}`] = {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", nullable: true } },
    };
    return {
      openapi: "3.0.3",
      info: { title: "Trees", version: "1.0.0" },
      paths: {
        "/trees": {
          post: {
            requestBody: {
              required: true,
              content: { "application/json": { schema: { $ref: "#/components/schemas/Level0" } } },
            },
            responses: {
              "201": {
                description: "Planted",
                content: { "application/json": { schema: { type: "object" }, example: { planted: true } } },
              },
            },
          },
        },
      },
      components: { schemas },
    };
  }
  /** A tree down the left side to the last level, whose `name` is `name`. */
  const leftmost = (name: unknown) => {
    let tree: object = { name };
    for (let level = 0; level < DEPTH; level++) tree = { left: tree };
    return tree;
  };
  const plant = (mock: MockServer, tree: object) =>
    fetch(`${mock.url}/trees`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(tree),
    });

  it("a spec whose schemas reach one another 2^40 ways starts (Prism's own loader copies each way), and checks every level", async () => {
    const dir = await mkdtemp(join(tmpdir(), "specsdk-mock-"));
    try {
      const spec = join(dir, "trees.json");
      await writeFile(spec, JSON.stringify(sharingSpec()));
      const mock = await start({ spec });

      // `nullable` of a referenced OpenAPI 3.0 schema is read as Prism reads an inline one.
      const valid = await plant(mock, leftmost(null));
      expect(valid.status).toBe(201);
      expect(valid.headers.get("sl-violations")).toBeNull();
      expect(await valid.json()).toEqual({ planted: true });

      const invalid = await plant(mock, leftmost(5));
      expect(invalid.status).toBe(422);
      const [violation] = (await invalid.json()).validation as { location: string[]; message: string }[];
      expect(violation?.location).toEqual(["body", ...Array<string>(DEPTH).fill("left"), "name"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("close()", () => {
  it("frees the port, leaves no server handle open, and may be called twice", async () => {
    const servers = () => process.getActiveResourcesInfo().filter((name) => name === "TCPServerWrap").length;
    // Closed handles leave the list on a later turn of the event loop.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    await settle();
    const before = servers();
    const mock = await startMock({ spec: WIDGETS });
    expect(servers()).toBe(before + 1);
    const port = Number(new URL(mock.url).port);
    await fetch(`${mock.url}/widgets/1`).then((response) => response.arrayBuffer()); // a kept-alive connection
    await mock.close();
    await mock.close();
    await expect(fetch(`${mock.url}/widgets/1`)).rejects.toThrow();
    const again = await listening(port); // the port is free again
    await closeServer(again);
    await settle();
    expect(servers()).toBe(before);
  });
});

describe("errors", () => {
  it("an unknown provider names the package looked for, from where, and how to install it", async () => {
    const error = await rejection(startMock("nope"));
    expect(error.code).toBe("UNKNOWN_PROVIDER");
    expect(error.message).toContain("@specsdk/nope is not installed");
    expect(error.message).toContain(`from ${process.cwd()}`);
    expect(error.message).toContain("npm install @specsdk/nope");
    expect(error.message).toContain("{ spec:");
    expect((await rejection(startMock("Prime Intellect"))).message).toContain("not a provider name");
  });

  describe("with provider packages installed in node_modules", () => {
    let project: string;
    beforeAll(async () => {
      project = await mkdtemp(join(tmpdir(), "specsdk-mock-test-"));
      const install = async (name: string, manifest: object, spec?: string) => {
        const dir = join(project, "node_modules/@specsdk", name);
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, "package.json"), JSON.stringify({ name: `@specsdk/${name}`, ...manifest }));
        if (spec) await copyFile(spec, join(dir, "openapi.yaml"));
      };
      const exports = { "./openapi.yaml": "./openapi.yaml", "./package.json": "./package.json" };
      await install("widgets", { version: "1.2.0", exports }, WIDGETS);
      await install("old", { version: "0.0.9", exports: { "./package.json": "./package.json" } });
      await mkdir(join(project, "test"), { recursive: true });
    });
    afterAll(() => rm(project, { recursive: true, force: true }));

    it("resolves the package from `from` (a directory, or a file URL inside the project)", async () => {
      const mock = await start("widgets", { from: project });
      expect(mock.spec).toBe(join(project, "node_modules/@specsdk/widgets/openapi.yaml"));
      const fromFile = await start("widgets", { from: pathToFileURL(join(project, "test/a.test.ts")) });
      expect(await (await fetch(`${fromFile.url}/widgets/2`)).json()).toEqual({ id: 1, name: "small" });
    });

    it("lists the installed providers when the name matches none", async () => {
      const error = await rejection(startMock("widget", { from: project }));
      expect(error.code).toBe("UNKNOWN_PROVIDER");
      expect(error.message).toContain(`from ${project}`);
      expect(error.message).toContain('Installed providers: "widgets"');
    });

    it("a provider version that does not ship its spec says so", async () => {
      const error = await rejection(startMock("old", { from: project }));
      expect(error.code).toBe("NO_SPEC_IN_PACKAGE");
      expect(error.message).toContain("@specsdk/old@0.0.9");
      expect(error.message).toContain("npm install @specsdk/old@latest");
    });
  });

  it("a spec path that names no file, or a file that is no spec", async () => {
    const missing = await rejection(startMock({ spec: "no/such/openapi.yaml" }));
    expect(missing.code).toBe("SPEC_NOT_FOUND");
    expect(missing.message).toContain(join(process.cwd(), "no/such/openapi.yaml"));
    const notSpec = await rejection(startMock({ spec: fileURLToPath(import.meta.url) }));
    expect(notSpec.code).toBe("INVALID_SPEC");
  });

  it("a port in use", async () => {
    const taken = await listening(0);
    const port = (taken.address() as { port: number }).port;
    try {
      const error = await rejection(startMock({ spec: WIDGETS }, { port }));
      expect(error.code).toBe("PORT_IN_USE");
      expect(error.message).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      await closeServer(taken);
    }
  });

  it("bad arguments are refused before anything starts", async () => {
    await expect(startMock({ spec: WIDGETS }, { port: 70_000 })).rejects.toBeInstanceOf(RangeError);
    await expect(startMock({} as never)).rejects.toBeInstanceOf(TypeError);
  });
});
