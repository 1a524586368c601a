import type { OperationModel, ProviderModel } from "../../model/provider-model.js";
import { exampleInput, exampleRequest } from "./example-input.js";
import { codeLiteral } from "./example-values.js";

/** The same operation as a raw openapi-fetch call: `client.POST("/path", { params, body })`. */
function rawCall(model: ProviderModel, operation: OperationModel, client: string): string {
  const { params, body } = exampleRequest(model, operation, { withOptionalQuery: true });
  const init: Record<string, unknown> = {};
  if (Object.keys(params).length > 0) init.params = params;
  if (body !== undefined) init.body = body;
  const args = Object.keys(init).length > 0 ? `, ${codeLiteral(init).text}` : "";
  return `const { data, error, response } = await ${client}.${operation.method.toUpperCase()}("${operation.path}"${args});`;
}

function rateLimitDefault(model: ProviderModel): string {
  const limit = model.config.rateLimit;
  return limit ? `\`{ requests: ${limit.requests}, perMilliseconds: ${limit.perSeconds * 1000} }\`` : "none";
}

/** The error class a provider package exports for a status, as core maps them (5xx left out: retried). */
const ERROR_CLASSES: Record<string, string> = {
  "400": "BadRequestError",
  "401": "AuthenticationError",
  "403": "PermissionDeniedError",
  "404": "NotFoundError",
  "409": "ConflictError",
  "422": "UnprocessableEntityError",
  "429": "RateLimitError",
};

/** The name `startMock` takes for a package: `@specsdk/acme` → `acme`; another scope, the full name. */
function mockName(packageName: string): string {
  return packageName.startsWith("@specsdk/") ? packageName.slice("@specsdk/".length) : packageName;
}

/**
 * "Test your code against a mock": a vitest file with `startMock` and the client pointed at it. The
 * example calls the first operation Prism can answer as a plain call (no stream, no paging, a request
 * Prism can check, a mockable success), and asks for one of its documented 4xx statuses with
 * `Prefer: code=…` (not 401/403 when there is another) to show the typed error.
 */
function mockSection(model: ProviderModel, client: string): string {
  const { config } = model;
  const operation = model.operations.find(
    (candidate) =>
      candidate.successParse !== "event-stream" &&
      candidate.pagination === undefined &&
      candidate.uncheckableRequest === undefined &&
      candidate.successResponses.some((response) => candidate.unmockable[response.code] === undefined),
  );
  const errorCodes = (operation?.responseCodes ?? []).filter(
    (code) => ERROR_CLASSES[code] !== undefined && operation?.unmockable[code] === undefined,
  );
  const errorCode = errorCodes.find((code) => code !== "401" && code !== "403") ?? errorCodes[0];
  const errorClass = errorCode === undefined ? undefined : ERROR_CLASSES[errorCode];
  const input = operation ? exampleInput(model, operation, { withOptionalQuery: true }).input : {};
  const argument = Object.keys(input).length > 0 ? codeLiteral(input).text : "";
  const clientOptions = [
    "baseUrl: mock.url",
    ...(model.placement.in === "none" ? [] : ['apiKey: "test"']),
    ...(model.companionCredentialHeaders.length > 0
      ? [
          `headers: { ${model.companionCredentialHeaders.map(({ name, prefix }) => `${JSON.stringify(name)}: ${JSON.stringify(`${prefix}test`)}`).join(", ")} }`,
        ]
      : []),
  ].join(", ");
  const createClient = `const ${client} = ${config.clientFactory}({ ${clientOptions} });`;
  const tests = operation
    ? [
        "",
        `it("${operation.name}", async () => {`,
        `  ${createClient}`,
        `  const result = await ${client}.${operation.name}(${argument});`,
        "  expect(result).toBeDefined();",
        "});",
        ...(errorClass
          ? [
              "",
              `it("${operation.name}: a ${errorCode} throws ${errorClass}", async () => {`,
              `  ${createClient}`,
              `  const call = ${client}.${operation.name}(${argument || "undefined"}, { headers: { Prefer: "code=${errorCode}" } });`,
              `  await expect(call).rejects.toBeInstanceOf(${errorClass});`,
              "});",
            ]
          : []),
      ]
    : ["", `it("calls the mock", () => {`, `  ${createClient}`, `  expect(${client}).toBeDefined();`, "});"];
  const imports = [config.clientFactory, ...(errorClass ? [errorClass] : [])].join(", ");
  return `
## Test your code against a mock

This package ships the spec it was generated from (\`${config.packageName}/openapi.yaml\`).
[\`@specsdk/mock\`](https://www.npmjs.com/package/@specsdk/mock) serves it from Stoplight Prism inside your
test process, on a free loopback port: answers come from the spec's examples, and requests the spec
would refuse are refused. Prism is a dependency of \`@specsdk/mock\` only, not of this package.

\`\`\`sh
npm install --save-dev @specsdk/mock
\`\`\`

\`\`\`ts
import { type MockServer, startMock } from "@specsdk/mock";
import { ${imports} } from "${config.packageName}";
import { afterAll, beforeAll, expect, it } from "vitest";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock("${mockName(config.packageName)}"); // the spec ${config.packageName} ships
});
afterAll(() => mock.close());
${tests.join("\n")}
\`\`\`

A \`Prefer\` header picks the answer per request: \`code=404\` (a documented status), \`example=<name>\`,
\`dynamic=true\` (generated from the schema). Options (\`dynamic\`, \`errors\`, \`port\`, \`cors\`) and errors:
[\`@specsdk/mock\`](https://www.npmjs.com/package/@specsdk/mock).
`;
}

/** Title, description and install instructions. */
function installSection(model: ProviderModel): string {
  const { config } = model;
  return `<!-- Generated by \`pnpm generate\` from specs/${model.specFile}. Do not edit by hand. -->
# ${config.packageName}

${config.description}

Typed end to end from the vendored OpenAPI spec (\`specs/${model.specFile}\`, ${model.document.info.title} ${model.document.info.version}), built on [openapi-fetch](https://openapi-ts.dev/openapi-fetch/).

## Install

\`\`\`sh
npm install ${config.packageName}
\`\`\`

Requirements: Node.js ≥ 20.19 (or any runtime with \`fetch\`: Deno, Bun, browsers through a bundler).
The package is ESM only; on Node ≥ 20.19 \`require("${config.packageName}")\` loads it as well.
TypeScript users need \`"moduleResolution": "nodenext"\`, \`"node16"\` or \`"bundler"\` (tested with TypeScript 5.9 and 7).
Its only runtime dependencies are \`@specsdk/core\`, \`openapi-fetch\` and \`openapi-typescript-helpers\`.

`;
}

/** The client created, the first operation called both ways, the default server. */
function usageSection(model: ProviderModel, client: string, firstCall: string | undefined): string {
  const { config } = model;
  const first = model.operations[0];
  return `## Usage

\`\`\`ts
import { ${config.clientFactory} } from "${config.packageName}";

${
  config.auth.envVar
    ? `// apiKey defaults to process.env.${config.auth.envVar} (in browsers, pass it explicitly)
const ${client} = ${config.clientFactory}({ apiKey: process.env.${config.auth.envVar} });`
    : `const ${client} = ${config.clientFactory}(); // the API takes no key`
}
${firstCall ? `const result = ${firstCall};\n` : ""}${first ? `${rawCall(model, first, client)}\n` : ""}\`\`\`

Default server: \`${model.defaultBaseUrl}\`. Pass \`baseUrl\` to use another (a proxy, a mock server).

`;
}

/** One example call per operation (a loop for streams and pages). */
function operationExample(model: ProviderModel, operation: OperationModel, client: string): string {
  const { input } = exampleInput(model, operation, { withOptionalQuery: true });
  const call = `${client}.${operation.name}(${Object.keys(input).length > 0 ? codeLiteral(input).text : ""})`;
  const usage =
    operation.successParse === "event-stream"
      ? `for await (const event of ${call}) console.log(event.data);`
      : operation.pagination
        ? `for await (const item of ${call}) console.log(item); // every item of every page`
        : `const result = await ${call};`;
  return [
    `### \`${operation.name}\` — ${operation.method.toUpperCase()} ${operation.path}`,
    "",
    operation.summary ?? "",
    "",
    "```ts",
    usage,
    "```",
    "",
  ].join("\n");
}

function operationsSection(model: ProviderModel, client: string): string {
  const operations = model.operations.map((operation) => operationExample(model, operation, client));
  return `## Operations

Each operation is a named method that resolves to the success body and throws a typed error otherwise;
\`.withResponse()\` on the same call gives \`{ data, response, requestId }\` (one request, not two).
The same operations are available as raw openapi-fetch calls (\`${client}.GET/POST/DELETE(...)\`), which
return \`{ data, error, response }\` and never throw for HTTP errors: \`error\` is the decoded error body, or,
when the response had none, the \`ApiError\` for its status, so \`if (error)\` catches every failed call.

${operations.join("\n")}`;
}

/** Only for a provider with an event-stream operation. */
function streamingSection(model: ProviderModel): string {
  const streaming = model.operations.find((operation) => operation.successParse === "event-stream");
  if (!streaming) return "";
  return `
## Streaming

Operations that answer with server-sent events (\`${streaming.name}\`) return the events as they arrive.
Each has \`event\`, \`data\` (${streaming.eventData === "json" ? "JSON-decoded" : "text"}), \`id\` and \`retry\`. \`timeout\` covers reaching the
response headers; \`idleTimeout\` (off by default) limits the silence between chunks. Leaving the loop, or
aborting the call's \`signal\` (which throws \`ApiUserAbortError\`), closes the connection.
`;
}

/** Only for a provider with a paginated operation. */
function paginationSection(model: ProviderModel): string {
  const paginated = model.operations.find((operation) => operation.pagination !== undefined);
  if (!paginated) return "";
  return `
## Pagination

List operations (\`${paginated.name}\`) page for you: iterating the call gives every item, fetching each
page only when the items before it are used up; awaiting it gives the first page; \`.pages()\` gives each
page as \`{ data, response, requestId }\`.
`;
}

function errorsSection(model: ProviderModel, firstCall: string | undefined): string {
  const { config } = model;
  return `
## Errors

Named methods throw subclasses of \`ApiError\` (exported from this package):
\`BadRequestError\` (400), \`AuthenticationError\` (401), \`PermissionDeniedError\` (403), \`NotFoundError\` (404),
\`ConflictError\` (409), \`UnprocessableEntityError\` (422), \`RateLimitError\` (429), \`InternalServerError\` (≥500).
Each carries \`status\`, the decoded \`body\`, \`headers\`, \`requestId\`, \`method\` and a redacted \`url\`;
\`fieldProblems\` lists \`{ field, message }\` for validation errors.${
    config.errorEnvelope
      ? `\nA response body with \`${config.errorEnvelope.field}: "${config.errorEnvelope.value}"\` is an error even with HTTP 200: \`ApiEnvelopeError\`.`
      : ""
  }
No response at all throws \`ApiConnectionError\` (\`ApiTimeoutError\` after \`timeout\`); aborting the call's
\`signal\` throws \`ApiUserAbortError\` (the abort reason is its \`cause\`); a body over \`maxResponseBytes\`
throws \`ResponseTooLargeError\`. Bad client input (a missing API key, an unsafe path parameter) throws
\`ClientConfigurationError\` before any request is sent. All of them extend \`SpecSdkError\`.

\`\`\`ts
import { ApiError } from "${config.packageName}";

try {
  ${firstCall ?? "// ..."};
} catch (error) {
  if (error instanceof ApiError) console.error(error.status, error.message, error.body);
  else throw error;
}
\`\`\`

`;
}

function optionsSection(model: ProviderModel): string {
  const { config } = model;
  return `## Options

| option | default | meaning |
| --- | --- | --- |
${config.auth.envVar ? `| \`apiKey\` | \`process.env.${config.auth.envVar}\` | API key; a missing key throws at client creation |` : "| `apiKey` | none | the API takes no key |"}
| \`baseUrl\` | \`${model.defaultBaseUrl}\` | server URL |
| \`fetch\` | \`globalThis.fetch\` | custom fetch (testing, proxies) |
| \`headers\` | none | headers sent with every request |
| \`maxRetries\` | \`2\` | retries after connection errors and retryable statuses (408/409/429/5xx when the operation is safe to repeat); \`0\` turns them off |
| \`timeout\` | \`60000\` | milliseconds per attempt, body included (for a stream: until its headers); \`0\` turns it off |
| \`idleTimeout\` | \`0\` | milliseconds a streamed response may stay silent between chunks; \`0\`: no limit |
| \`rateLimit\` | ${rateLimitDefault(model)} | client-side limit \`{ requests, perMilliseconds }\` (requests wait, not fail); \`false\` turns it off |
| \`maxResponseBytes\` | 50 MiB | largest response body accepted |
| \`debug\` | \`false\` (\`SPECSDK_DEBUG=1\` turns it on) | log each attempt, redacted: \`true\` → stderr, or a function receiving each line |
| \`allowInsecureHttp\` | \`false\` | allow sending the key over plain http to a non-loopback host |

Per call, named methods accept \`{ signal, headers, timeout, maxRetries }\` as a second argument.

`;
}

const API_REFERENCE_SECTION = `## API reference

Every export with its types and documentation, as HTML: in a clone of the specsdk repository,
\`pnpm api-docs\` builds the reference of this package, \`@specsdk/core\` and the other providers into
\`api-docs/\` (open \`api-docs/index.html\`). There is no hosted copy.
`;

/** README of a provider package: install, one example per operation, errors, options, testing with a mock. */
export function emitReadme(model: ProviderModel): string {
  const client = model.name.replace(/\W/g, "");
  const first = model.operations[0];
  const firstInput = first ? exampleInput(model, first, { withOptionalQuery: true }).input : {};
  const firstCall = first
    ? `await ${client}.${first.name}(${Object.keys(firstInput).length > 0 ? codeLiteral(firstInput).text : ""})`
    : undefined;
  return [
    installSection(model),
    usageSection(model, client, firstCall),
    operationsSection(model, client),
    streamingSection(model),
    paginationSection(model),
    errorsSection(model, firstCall),
    optionsSection(model),
    API_REFERENCE_SECTION,
    mockSection(model, client),
  ].join("");
}
