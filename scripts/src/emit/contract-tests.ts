import { pascalCase } from "../lib/naming.js";
import type { OperationModel, ProviderModel } from "../lib/provider-model.js";
import { exampleInput } from "./example-input.js";
import { codeLiteral } from "./example-values.js";
import { generatedHeader } from "./header.js";

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
function successAssertion(operation: OperationModel, code: number): string {
  const response = operation.successResponses.find((candidate) => candidate.code === String(code));
  switch (response?.mediaTypes.length === 0 ? "none" : operation.successParse) {
    case "none":
      return "expect(result).toBeUndefined();";
    case "text":
      return 'expect(typeof result).toBe("string");';
    case "blob":
      return "expect(result).toBeInstanceOf(Blob);";
    default:
      return "expect(result).not.toBeUndefined();";
  }
}

/** Whether the spec gives an example event stream for this status (Prism then serves it). */
function hasEventExample(operation: OperationModel, code: number): boolean {
  return operation.successResponses.some((response) => response.code === String(code) && response.eventStreamExample);
}

function operationBlock(model: ProviderModel, operation: OperationModel, inputType: string): string[] {
  const codes = operation.responseCodes.filter((code) => /^\d{3}$/.test(code)).map(Number);
  const skipped = operation.responseCodes.filter((code) => !/^\d{3}$/.test(code));
  const lines = [
    `describe(${JSON.stringify(`${operation.name} — ${operation.method.toUpperCase()} ${operation.path}`)}, () => {`,
    `  const input: ${inputType} = ${codeLiteral(exampleInput(model, operation))};`,
  ];
  if (skipped.length > 0) {
    lines.push(`  // Not reachable with Prefer: code=… (ranges/default): ${skipped.join(", ")}`);
  }
  for (const code of codes) {
    const call = `client().${operation.name}(input, { headers: { Prefer: "code=${code}" } })`;
    if (code >= 200 && code < 300 && operation.successParse === "event-stream") {
      lines.push(
        "",
        `  it("${code}: streams the documented events", async () => {`,
        "    const events: unknown[] = [];",
        `    for await (const event of ${call}) events.push(event.data);`,
        hasEventExample(operation, code)
          ? "    expect(events.length).toBeGreaterThan(0);"
          : "    expect(events).toEqual(expect.any(Array));",
        "  });",
      );
    } else if (code >= 200 && code < 300 && operation.pagination) {
      lines.push(
        "",
        `  it("${code}: walks up to three pages, every request conforming", async () => {`,
        "    let pages = 0;",
        `    for await (const page of ${call}.pages()) {`,
        `      expect(page.response.status).toBe(${code});`,
        "      if (++pages === 3) break;",
        "    }",
        "    expect(pages).toBeGreaterThan(0);",
        "  });",
      );
    } else if (code >= 200 && code < 300) {
      lines.push(
        "",
        `  it("${code}: resolves to the documented success body", async () => {`,
        `    const result = await ${call};`,
        `    ${successAssertion(operation, code)}`,
        "  });",
      );
    } else {
      const errorClass = errorClassForStatus(code);
      lines.push(
        "",
        `  it("${code}: throws ${errorClass} with the status", async () => {`,
        `    const error = await ${call}.then(`,
        "      () => undefined,",
        "      (caught: unknown) => caught,",
        "    );",
        `    expect(error).toBeInstanceOf(${errorClass});`,
        `    expect((error as ApiError).status).toBe(${code});`,
        "  });",
      );
    }
  }
  lines.push("});", "");
  return lines;
}

/**
 * Contract tests derived from the spec: for every operation, a valid request built from the spec is
 * sent through the generated client to Prism once per documented status (`Prefer: code=…`); the
 * shared contract setup fails any test whose requests Prism reports in `sl-violations`.
 */
export function emitContractTests(model: ProviderModel): string {
  const { config } = model;
  const statusClasses = new Set(
    model.operations.flatMap((operation) =>
      operation.responseCodes
        .filter((code) => /^\d{3}$/.test(code) && !code.startsWith("2"))
        .map((code) => errorClassForStatus(Number(code))),
    ),
  );
  const imports = ["ApiError", config.clientFactory, ...statusClasses].filter(
    (name, index, all) => all.indexOf(name) === index,
  );
  const typeImports = model.operations.map((operation) => `type ${pascalCase(operation.name)}Input`);
  return [
    generatedHeader(model),
    `import { ${[...imports.sort(), ...typeImports].join(", ")} } from "${config.packageName}";`,
    'import { contractFetch, prismUrl } from "@specsdk/testing";',
    'import { describe, expect, it } from "vitest";',
    "",
    "const client = () =>",
    `  ${config.clientFactory}({`,
    // Basic auth keys are `user:password`; Prism checks the shape.
    `    apiKey: ${JSON.stringify(model.placement.in === "basic" ? "specsdk-user:specsdk-password" : "specsdk-contract-test-key")},`,
    `    baseUrl: prismUrl(${JSON.stringify(model.name)}),`,
    "    fetch: contractFetch,",
    "    maxRetries: 0,",
    "    rateLimit: false,",
    "  });",
    "",
    ...model.operations.flatMap((operation) => operationBlock(model, operation, `${pascalCase(operation.name)}Input`)),
  ].join("\n");
}
