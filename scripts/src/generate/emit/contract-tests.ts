import { pascalCase } from "../../model/naming.js";
import type { OperationModel, ProviderModel } from "../../model/provider-model.js";
import { type Code, identifier, join, lineComment, literal, propertyKey, ts } from "./code.js";
import { exampleInput, exampleRequest } from "./example-input.js";
import { codeLiteral } from "./example-values.js";
import { generatedHeader } from "./header.js";
import { prismFormRefusal } from "./prism-form-limits.js";

/** The error class a named method throws for a status (mirrors core's `createApiError`). */
export function errorClassForStatus(status: number): string {
  if (status >= 500) return "InternalServerError";
  return (
    {
      400: "BadRequestError",
      401: "AuthenticationError",
      403: "PermissionDeniedError",
      404: "NotFoundError",
      409: "ConflictError",
      422: "UnprocessableEntityError",
      429: "RateLimitError",
    }[status] ?? "ApiError"
  );
}

/** What a 2xx must resolve to: per operation for text/blob bodies, per status for JSON ones (a 202 may be empty). */
function successAssertion(operation: OperationModel, code: number): Code {
  const response = operation.successResponses.find((candidate) => candidate.code === String(code));
  switch (response?.mediaTypes.length === 0 ? "none" : operation.successParse) {
    case "none":
      return ts`expect(result).toBeUndefined();`;
    case "text":
      return ts`expect(typeof result).toBe("string");`;
    case "blob":
      return ts`expect(result).toBeInstanceOf(Blob);`;
    default:
      return ts`expect(result).not.toBeUndefined();`;
  }
}

/** Whether the spec gives an example event stream for this status (Prism then serves it). */
function hasEventExample(operation: OperationModel, code: number): boolean {
  return operation.successResponses.some((response) => response.code === String(code) && response.eventStreamExample);
}

/** Why no request of this operation's tests can pass Prism's check, or undefined (see OperationModel.uncheckableRequest). */
function requestRefusal(model: ProviderModel, operation: OperationModel): string | undefined {
  return operation.uncheckableRequest ?? prismFormRefusal(operation, exampleRequest(model, operation).body);
}

/** One test per documented status of one operation; `refused`: why Prism refuses the example request, if it does. */
function statusTest(operation: OperationModel, code: number, refused: string | undefined): Code {
  const unmockable = refused ?? operation.unmockable[String(code)];
  if (unmockable) return ts`  it.skip(${literal(`${code}: skipped, ${unmockable}`)}, () => {});`;
  const call = ts`client().${identifier(operation.name)}(input, { headers: { Prefer: ${literal(`code=${code}`)} } })`;
  if (code >= 200 && code < 300 && operation.successParse === "event-stream") {
    const check = hasEventExample(operation, code)
      ? ts`expect(events.length).toBeGreaterThan(0);`
      : ts`expect(events).toEqual(expect.any(Array));`;
    return ts`  it(${literal(`${code}: streams the documented events`)}, async () => {
    const events: unknown[] = [];
    for await (const event of ${call}) events.push(event.data);
    ${check}
  });`;
  }
  if (code >= 200 && code < 300 && operation.pagination) {
    return ts`  it(${literal(`${code}: walks up to three pages, every request conforming`)}, async () => {
    let pages = 0;
    for await (const page of ${call}.pages()) {
      expect(page.response.status).toBe(${code});
      if (++pages === 3) break;
    }
    expect(pages).toBeGreaterThan(0);
  });`;
  }
  if (code >= 200 && code < 300) {
    return ts`  it(${literal(`${code}: resolves to the documented success body`)}, async () => {
    const result = await ${call};
    ${successAssertion(operation, code)}
  });`;
  }
  const errorClass = identifier(errorClassForStatus(code));
  return ts`  it(${literal(`${code}: throws ${errorClass.text} with the status`)}, async () => {
    const error = await ${call}.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(${errorClass});
    expect((error as ApiError).status).toBe(${code});
  });`;
}

function operationBlock(model: ProviderModel, operation: OperationModel): Code {
  const codes = operation.responseCodes.filter((code) => /^\d{3}$/.test(code)).map(Number);
  const skipped = operation.responseCodes.filter((code) => !/^\d{3}$/.test(code));
  const title = literal(`${operation.name} — ${operation.method.toUpperCase()} ${operation.path}`);
  const { input, problems, untyped } = exampleInput(model, operation);
  const refused = requestRefusal(model, operation);
  // An example that is not valid, or that the input type may not accept as a literal (the spec's data,
  // fields the types do not name, parameters valid only as text), is cast.
  const cast = problems.length > 0 || untyped.length > 0;
  const notes = [
    ...(skipped.length > 0 ? [`Not reachable with Prefer: code=… (ranges/default): ${skipped.join(", ")}`] : []),
    ...problems.map(
      (problem) => `No example in or from the spec is valid: ${problem} (the one built from the schema is sent, cast)`,
    ),
  ];
  const inputType = identifier(`${pascalCase(operation.name)}Input`);
  return ts`describe(${title}, () => {
  const input${cast ? ts`` : ts`: ${inputType}`} = ${codeLiteral(input)}${cast ? ts` as unknown as ${inputType}` : ts``};
${notes.map(
  (note) => ts`  ${lineComment(note)}
`,
)}${
  codes.length > 0
    ? codes.map(
        (code) => ts`
${statusTest(operation, code, refused)}
`,
      )
    : unnumberedTest(operation, refused)
}});
`;
}

/**
 * The one test of an operation that documents no numbered status (only `default` or `2XX`): Prism
 * answers it as it likes, so the test checks that the request conforms and the outcome is ours.
 */
function unnumberedTest(operation: OperationModel, refused: string | undefined): Code {
  if (refused) {
    return ts`
  it.skip(${literal(`skipped, ${refused}`)}, () => {});
`;
  }
  return ts`
  it("the request conforms (no numbered status is documented)", async () => {
    await client().${identifier(operation.name)}(input).then(
      () => undefined,
      (caught: unknown) => {
        if (!(caught instanceof ApiError)) throw caught;
      },
    );
  });
`;
}

/** What the generated contract tests leave out or cannot make valid, one line each, for generate to print. */
export function contractTestNotes(model: ProviderModel): string[] {
  const notes: string[] = [];
  for (const operation of model.operations) {
    const refused = requestRefusal(model, operation);
    if (refused) notes.push(`${operation.name}: tests skipped, ${refused}`);
    else {
      for (const [code, reason] of Object.entries(operation.unmockable)) {
        notes.push(`${operation.name} ${code}: test skipped, ${reason}`);
      }
    }
    for (const problem of exampleInput(model, operation).problems) {
      notes.push(`${operation.name}: no valid example in or from the spec (${problem}); the test sends the schema's`);
    }
  }
  return notes;
}

/**
 * The options of a generated test's client against Prism: a key of the shape Prism checks, the
 * credentials the spec requires beside it (sent in `headers`, as users must), no retries, no rate limit.
 */
export function testClientOptions(
  model: ProviderModel,
  fetch: Code,
  baseUrl = ts`prismUrl(${literal(model.name)})`,
): Code {
  // Basic auth keys are `user:password`; Prism checks the shape.
  const apiKey = model.placement.in === "basic" ? "specsdk-user:specsdk-password" : "specsdk-contract-test-key";
  return ts`{
    apiKey: ${literal(apiKey)},
    baseUrl: ${baseUrl},
    fetch: ${fetch},
    maxRetries: 0,
    rateLimit: false,${
      model.companionCredentialHeaders.length > 0
        ? ts`
    headers: { ${join(
      model.companionCredentialHeaders.map(
        (header) => ts`${propertyKey(header.name)}: ${literal(`${header.prefix}specsdk-contract-test-credential`)}`,
      ),
      ts`, `,
    )} },`
        : ts``
    }
  }`;
}

/**
 * Contract tests derived from the spec: for every operation, a valid request built from the spec is
 * sent through the generated client to Prism once per documented status (`Prefer: code=…`); the
 * shared contract setup fails any test whose requests Prism reports in `sl-violations`.
 */
export function emitContractTests(model: ProviderModel): Code {
  const { config } = model;
  const statusClasses = model.operations.flatMap((operation) =>
    operation.responseCodes
      .filter((code) => /^\d{3}$/.test(code) && !code.startsWith("2"))
      .map((code) => errorClassForStatus(Number(code))),
  );
  // `instanceof ApiError` is checked only for an operation without a numbered status; elsewhere it may be only a cast's type.
  const unnumbered = model.operations.some(
    (operation) =>
      !operation.responseCodes.some((code) => /^\d{3}$/.test(code)) && requestRefusal(model, operation) === undefined,
  );
  const values = [...new Set([...(unnumbered ? ["ApiError"] : []), config.clientFactory, ...statusClasses])].sort();
  const types = [
    ...(values.includes("ApiError") ? [] : ["ApiError"]),
    ...model.operations.map((operation) => `${pascalCase(operation.name)}Input`),
  ];
  const imports = [...values.map(identifier), ...types.map((name) => ts`type ${identifier(name)}`)];
  return ts`${generatedHeader(model)}
import { ${join(imports, ts`, `)} } from ${literal(config.packageName)};
import { contractFetch, prismUrl } from "@specsdk/testing";
import { describe, expect, it } from "vitest";

const client = () =>
  ${identifier(config.clientFactory)}(${testClientOptions(model, ts`contractFetch`)});

${join(
  model.operations.map((operation) => operationBlock(model, operation)),
  ts`
`,
)}`;
}
