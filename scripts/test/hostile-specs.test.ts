/**
 * Specs are untrusted input: whatever an upstream spec says ends up in a package we publish. Each
 * hostile spec here is either refused with a `file:line` message, or generates a package that builds
 * and whose import runs nothing but our code (a canary payload that would print, never does).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { runGenerate } from "../src/generate/run-generate.js";
import { digestLine } from "../src/shared/sha256.js";
import { runVendor } from "../src/spec/run-vendor.js";
import { compile, compileMcpPackage, generateFixturePackage } from "./fixture-package.js";

const run = promisify(execFile);
const CANARY = "CANARY-RAN";
const PAYLOAD = `*/;console.log("${CANARY}");/*`;

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
});

/** A received-requests counter on loopback: proves nothing was fetched. */
let server: Server;
let serverUrl: string;
const received: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    received.push(request.url ?? "");
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ type: "object", properties: { fetched: { type: "string" } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const config = (name: string) => ({
  packageName: `@fixture/${name}`,
  displayName: "Hostile",
  clientFactory: "createHostileClient",
  description: "Hostile fixture",
  auth: { envVar: "HOSTILE_API_KEY", in: "bearer" },
});

function spec(overrides: { servers?: object[]; paths?: object; components?: object; info?: object } = {}) {
  return {
    openapi: "3.1.0",
    info: { title: "hostile", version: "1", ...overrides.info },
    servers: overrides.servers ?? [{ url: "https://api.example.com" }],
    paths: overrides.paths ?? {
      "/items": { get: { operationId: "listItems", responses: { "200": { description: "ok" } } } },
    },
    ...(overrides.components ? { components: overrides.components } : {}),
  };
}

/** A one-operation spec whose 200 response body is `{ $ref: ref }`. */
function respondingWith(ref: string, components?: object) {
  const schema = { $ref: ref };
  const responses = { "200": { description: "ok", content: { "application/json": { schema } } } };
  return spec({ paths: { "/items": { get: { operationId: "listItems", responses } } }, components });
}

/** Generates, builds to JS, imports the built package in a fresh Node process; returns what it printed. */
async function generateBuildAndImport(name: string, document: object) {
  const fixture = await generateFixturePackage(name, stringify(document), config(name));
  disposers.push(fixture.dispose);
  expect(fixture.exitCode).toBe(0);
  const generated = join(fixture.packageDir, "src/generated");
  expect(compile([join(generated, "index.ts")], join(fixture.packageDir, "dist"), generated)).toEqual([]);
  // The MCP server generated beside it carries the same spec text (tool table, descriptions).
  const { mcpDir, diagnostics } = await compileMcpPackage(fixture.packageDir, `@fixture/${name}`);
  expect(diagnostics).toEqual([]);
  const script = [
    `const m = await import(${JSON.stringify(join(fixture.packageDir, "dist/index.js"))});`,
    `const mcp = await import(${JSON.stringify(join(mcpDir, "dist/index.js"))});`,
    "console.log('mcp tools:', mcp.tools.map((tool) => tool.name).join(','));",
    "const client = m.createHostileClient({ apiKey: 'k', fetch: () => { console.log('REQUEST-SENT'); return new Response('{}'); } });",
    "const settled = await Promise.race([Promise.resolve(client).then(() => 'settled'), new Promise((r) => setTimeout(() => r('hung'), 1000))]);",
    "console.log('awaiting the client:', settled);",
    "console.log('String(client):', typeof String(client));",
    "console.log('methods:', Object.keys(client).filter((k) => !/^[A-Z]+$/.test(k) && !['use', 'eject', 'request'].includes(k)).sort().join(','));",
  ].join("\n");
  const { stdout, stderr } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: fixture.packageDir,
  });
  const sources = await Promise.all((await readdir(generated)).map((file) => readFile(join(generated, file), "utf8")));
  return { stdout, stderr, sources: sources.join("\n"), fixture };
}

describe("spec text that would become code", () => {
  it.each([
    ["a server URL", spec({ servers: [{ url: `https://api.example.com/v1/${PAYLOAD}` }] })],
    [
      "a server variable's default",
      spec({ servers: [{ url: "https://{host}/v1", variables: { host: { default: `x${PAYLOAD}` } } }] }),
    ],
    [
      "a path key",
      spec({
        paths: {
          [`/items/${PAYLOAD}`]: { get: { operationId: "listItems", responses: { "200": { description: "ok" } } } },
        },
      }),
    ],
    [
      "a summary and description with line separators, </script> and NUL",
      spec({
        paths: {
          "/items": {
            get: {
              operationId: "listItems",
              summary: `S ${PAYLOAD}\u2028console.log("${CANARY}")`,
              description: `D ${PAYLOAD}\u2029</script><script>console.log("${CANARY}")</script>\0`,
              responses: { "200": { description: `R ${PAYLOAD}` } },
            },
          },
        },
      }),
    ],
    [
      "parameter names, enum values and examples",
      spec({
        paths: {
          "/items/{id}": {
            get: {
              operationId: "getItem",
              parameters: [
                { name: "id", in: "path", required: true, schema: { type: "string", example: `"+${PAYLOAD}+"` } },
                { name: `q"${PAYLOAD}`, in: "query", schema: { type: "string", enum: [PAYLOAD, "</script>"] } },
              ],
              responses: { "200": { description: "ok" } },
            },
          },
        },
      }),
    ],
    ["the title and a schema's title", spec({ info: { title: PAYLOAD, description: PAYLOAD } })],
  ])("%s: builds, and importing the package runs nothing", async (_, document) => {
    const { stdout, stderr } = await generateBuildAndImport("hostile", document);
    expect(stdout).not.toContain(CANARY);
    expect(stderr).toBe("");
    expect(stdout).toContain("awaiting the client: settled");
    expect(stdout).toMatch(/^mcp tools: \w+$/m);
  });

  it("operationIds named like built-ins never shadow them: the client is not a thenable and String() sends nothing", async () => {
    const names = ["then", "toString", "valueOf", "hasOwnProperty", "constructor", "__proto__", "catch", "delete"];
    const paths = Object.fromEntries(
      names.map((operationId, index) => [
        `/op${index}`,
        { get: { operationId, responses: { "200": { description: "ok" } } } },
      ]),
    );
    const { stdout } = await generateBuildAndImport("builtins", spec({ paths }));
    expect(stdout).not.toContain("REQUEST-SENT");
    expect(stdout).toContain("awaiting the client: settled");
    const methods = stdout.match(/methods: (.*)/)?.[1]?.split(",") ?? [];
    expect(methods).toHaveLength(names.length);
    for (const name of names) expect(methods).not.toContain(name);
  });

  it("very long names and names differing only by case build into distinct, valid methods", async () => {
    const long = `get${"VeryLong".repeat(40)}Thing`;
    const paths = {
      "/a": { get: { operationId: long, responses: { "200": { description: "ok" } } } },
      "/b": { get: { operationId: "getUser", responses: { "200": { description: "ok" } } } },
      "/c": { get: { operationId: "GetUser", responses: { "200": { description: "ok" } } } },
      "/d": { get: { operationId: "get_user", responses: { "200": { description: "ok" } } } },
    };
    const { stdout } = await generateBuildAndImport("names", spec({ paths }));
    const methods = stdout.match(/methods: (.*)/)?.[1]?.split(",") ?? [];
    expect(new Set(methods).size).toBe(4);
    // MCP tool names: at most 128 characters of [A-Za-z0-9_.-]; the long one is cut and told apart by a digest.
    const tools = stdout.match(/mcp tools: (.*)/)?.[1]?.split(",") ?? [];
    expect(new Set(tools).size).toBe(4);
    for (const tool of tools) expect(tool).toMatch(/^[A-Za-z0-9_.-]{1,128}$/);
    expect(tools).toContain(`${long.slice(0, 119)}_${createHash("sha256").update(long).digest("hex").slice(0, 8)}`);
  });
});

describe("refused specs: one file:line message, no stack, nothing written", () => {
  async function refusal(name: string, text: string): Promise<string> {
    const outcome = await generateFixturePackage(name, text, config(name)).then(
      (fixture) => {
        disposers.push(fixture.dispose);
        return `generated (exit ${fixture.exitCode})`;
      },
      (error: Error) => error.message,
    );
    return outcome;
  }

  it("an http $ref is refused before anything is fetched", async () => {
    const document = respondingWith(`${serverUrl}/schema.json`);
    const message = await refusal("remote", stringify(document));
    expect(message).toMatch(
      /specs\/remote\.yaml:\d+:\d+: \$ref "http:\/\/127\.0\.0\.1:\d+\/schema\.json" points outside this document/,
    );
    expect(received).toEqual([]);
  });

  it.each([
    ["an absolute file outside the repo", "/etc/hostname"],
    ["a relative file", "./other.yaml#/Thing"],
  ])("a $ref to %s is refused, naming it", async (_, ref) => {
    const document = respondingWith(ref);
    expect(await refusal("fileref", stringify(document))).toMatch(
      new RegExp(
        `specs/fileref\\.yaml:\\d+:\\d+: \\$ref "${ref.replace(/[./#]/g, "\\$&")}" points outside this document`,
      ),
    );
  });

  it("a $ref cycle that never reaches a schema", async () => {
    const document = respondingWith("#/components/schemas/A", {
      schemas: { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } },
    });
    expect(await refusal("cycle", stringify(document))).toMatch(
      /specs\/cycle\.yaml:\d+:\d+: \$ref "#\/components\/schemas\/A" is circular: #\/components\/schemas\/A → #\/components\/schemas\/B → #\/components\/schemas\/A/,
    );
  });

  it("a dangling $ref", async () => {
    const document = respondingWith("#/components/schemas/Missing");
    expect(await refusal("dangling", stringify(document))).toMatch(
      /specs\/dangling\.yaml:\d+:\d+: \$ref "#\/components\/schemas\/Missing" names nothing/,
    );
  });

  it("a YAML alias bomb, at the first alias, without expanding it", async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(",")}]`);
    const text = `openapi: 3.1.0\ninfo: {title: bomb, version: "1"}\nx-bomb:\n  l0: &l0 "lol"\n${levels.map((line) => `  ${line}`).join("\n")}\npaths: {}\n`;
    const started = performance.now();
    expect(await refusal("bomb", text)).toMatch(/specs\/bomb\.yaml:\d+: refused: YAML aliases expand too far/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("a spec file name a shell would run is refused before generation", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void errors.push(String(line)));
    const fixture = await generateFixturePackage("safe", stringify(spec()), config("safe"));
    disposers.push(fixture.dispose);
    const hostile = "x$(touch pwned)";
    await writeFile(join(fixture.root, "specs", `${hostile}.yaml`), stringify(spec()));
    const failure = await runGenerate({}, fixture.root).catch((error: Error) => error.message);
    expect(failure).toMatch(
      /specs\/x\$\(touch pwned\)\.yaml: provider name "x\$\(touch pwned\)" must be lower-case letters/,
    );
    expect(await readdir(fixture.root)).not.toContain("pwned");
    expect(await readdir(join(fixture.root, "packages"))).toEqual(["safe", "safe-mcp"]);
  });
});

describe("interrupted generation", () => {
  it("a staging folder a killed run left behind fails --check by name, and the next generate removes it", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void errors.push(String(line)));
    const fixture = await generateFixturePackage("killed", stringify(spec()), config("killed"));
    disposers.push(fixture.dispose);
    const staging = join(fixture.packageDir, "src/generated.staging-0123456789ab");
    await mkdir(staging, { recursive: true });
    await writeFile(join(staging, "client.ts"), "export const half = ");
    await writeFile(join(fixture.packageDir, ".package.json.0123456789ab.tmp"), "{");
    expect(await runGenerate({ check: true }, fixture.root)).toBe(1);
    expect(errors.join("\n")).toContain("src/generated.staging-0123456789ab");
    expect(errors.join("\n")).toContain(".package.json.0123456789ab.tmp");
    expect(await runGenerate({}, fixture.root)).toBe(0);
    expect(await readdir(join(fixture.packageDir, "src"))).toEqual(["generated"]);
    expect(await runGenerate({ check: true }, fixture.root)).toBe(0);
  });
});

describe("vendoring external $refs", () => {
  async function vendorInto(files: Record<string, string>, options: { allowRemoteRefs?: boolean } = {}) {
    const fixture = await generateFixturePackage("vendored", stringify(spec()), config("vendored"));
    disposers.push(fixture.dispose);
    const source = join(fixture.root, "upstream");
    await mkdir(join(source, "schemas"), { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(source, name), text);
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    const outcome = await runVendor(
      { source: join(source, "api.yaml"), provider: "vendored", ...options },
      fixture.root,
    ).then(
      (code) => `exit ${code}`,
      (error: Error) => error.message,
    );
    const vendored = await readFile(join(fixture.root, "specs/vendored.yaml"), "utf8");
    return { outcome, vendored, fixture };
  }

  const withRef = (ref: string) => stringify(respondingWith(ref));

  it("a file beside the spec is bundled in, so the digest covers it and generate reads nothing else", async () => {
    const { outcome, vendored, fixture } = await vendorInto({
      "api.yaml": withRef("./schemas/item.yaml"),
      "schemas/item.yaml": stringify({ type: "object", properties: { bundled: { type: "string" } } }),
    });
    expect(outcome).toBe("exit 0");
    expect(vendored).toContain("bundled:");
    expect(vendored).not.toContain("./schemas/item.yaml");
    expect(await readFile(join(fixture.root, "specs/vendored.yaml.sha256"), "utf8")).toBe(
      digestLine(vendored, "vendored.yaml"),
    );
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await runGenerate({}, fixture.root)).toBe(0);
  });

  it("a file outside the spec's folder is refused, naming the ref, and nothing is written", async () => {
    const before = await vendorInto({ "api.yaml": withRef("../outside.yaml") });
    expect(before.outcome).toMatch(/\$ref "\.\.\/outside\.yaml".*outside/);
    expect(before.vendored).toBe(stringify(spec()));
  });

  it("a URL is fetched only with --allow-remote-refs", async () => {
    received.length = 0;
    const refused = await vendorInto({ "api.yaml": withRef(`${serverUrl}/item.json`) });
    expect(refused.outcome).toMatch(/network ref; pass --allow-remote-refs/);
    expect(received).toEqual([]);
    const allowed = await vendorInto({ "api.yaml": withRef(`${serverUrl}/item.json`) }, { allowRemoteRefs: true });
    expect(allowed.outcome).toBe("exit 0");
    expect(allowed.vendored).toContain("fetched:");
    expect(received).toEqual(["/item.json"]);
  });
});

// Keep the tree clean if a test above failed half-way.
afterAll(() => rm(join(process.cwd(), "pwned"), { force: true }));
