import { describe, expect, it } from "vitest";
import { inputTypeExpression, resultTypeExpression } from "../src/generate/emit/named-method-types.js";
import type { OperationModel } from "../src/model/provider-model.js";

function operation(overrides: Partial<OperationModel>): OperationModel {
  return {
    name: "op",
    method: "post",
    path: "/things/{id}",
    deprecated: false,
    serverUrl: "",
    parameters: [],
    bodyRequired: false,
    bodyInput: "none",
    inputShape: "flat",
    successParse: "json",
    successResponses: [],
    inputOptional: true,
    authenticated: true,
    idempotent: false,
    responseCodes: [],
    unmockable: {},
    bodyReachesMarkers: false,
    resultReachesMarkers: false,
    ...overrides,
  };
}

const OP = 'paths["/things/{id}"]["post"]';
const BEARER = { in: "bearer" } as const;

describe("named-method type expressions", () => {
  it("uses only the parameter sections the operation has; an optional section loses its undefined", () => {
    const op = operation({
      parameters: [
        { name: "id", in: "path", required: true },
        { name: "q", in: "query" },
      ],
    });
    expect(inputTypeExpression(op, BEARER).text).toBe(
      `Simplify<${OP}["parameters"]["path"] & NonNullable<${OP}["parameters"]["query"]>>`,
    );
    expect(inputTypeExpression(operation({}), BEARER).text).toBe("{}");
  });

  it("a body declared with empty content is unknown, not an invalid index", () => {
    const op = operation({ bodyInput: "property", bodyRequired: true, bodyMediaType: undefined });
    expect(inputTypeExpression(op, BEARER).text).toBe("{ body: unknown }");
  });

  it("a result covers every 2xx: JSON media by schema, other media as text, no content as undefined", () => {
    const op = operation({
      successResponses: [
        { code: "200", mediaTypes: ["application/vnd.x+json", "text/csv"], jsonMediaTypes: ["application/vnd.x+json"] },
        { code: "202", mediaTypes: [], jsonMediaTypes: [] },
        { code: "2XX", mediaTypes: ["application/json"], jsonMediaTypes: ["application/json"] },
      ],
    });
    expect(resultTypeExpression(op).text).toBe(
      [
        `${OP}["responses"][200]["content"]["application/vnd.x+json"]`,
        "string",
        "undefined",
        `${OP}["responses"]["2XX"]["content"]["application/json"]`,
      ].join(" | "),
    );
  });

  it("a key declared as a parameter is optional in the input: the client fills it in", () => {
    const op = operation({
      parameters: [
        { name: "id", in: "path", required: true },
        { name: "api_key", in: "query", required: true },
      ],
    });
    expect(inputTypeExpression(op, { in: "query", name: "api_key" }).text).toBe(
      `Simplify<${OP}["parameters"]["path"] & WithOptionalField<${OP}["parameters"]["query"], "api_key">>`,
    );
  });

  it("a wildcard response with a structured schema is typed by its schema", () => {
    const op = operation({
      successResponses: [{ code: "200", mediaTypes: ["*/*"], jsonMediaTypes: ["*/*"] }],
    });
    expect(resultTypeExpression(op).text).toBe(`${OP}["responses"][200]["content"]["*/*"]`);
  });
});
