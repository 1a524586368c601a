import { describe, expect, it } from "vitest";
import { inputTypeExpression, resultTypeExpression } from "../src/emit/named-method-types.js";
import type { OperationModel } from "../src/lib/provider-model.js";

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
    ...overrides,
  };
}

const OP = 'paths["/things/{id}"]["post"]';

describe("named-method type expressions", () => {
  it("uses only the parameter sections the operation has; an optional section loses its undefined", () => {
    const op = operation({
      parameters: [
        { name: "id", in: "path", required: true },
        { name: "q", in: "query" },
      ],
    });
    expect(inputTypeExpression(op, undefined).text).toBe(
      `Simplify<${OP}["parameters"]["path"] & NonNullable<${OP}["parameters"]["query"]>>`,
    );
    expect(inputTypeExpression(operation({}), undefined).text).toBe("{}");
  });

  it("a body declared with empty content is unknown, not an invalid index", () => {
    const op = operation({ bodyInput: "property", bodyRequired: true, bodyMediaType: undefined });
    expect(inputTypeExpression(op, undefined).text).toBe("{ body: unknown }");
  });

  it("a result covers every 2xx: JSON media by schema, other media as text, no content as undefined", () => {
    const op = operation({
      successResponses: [
        { code: "200", mediaTypes: ["application/vnd.x+json", "text/csv"] },
        { code: "202", mediaTypes: [] },
        { code: "2XX", mediaTypes: ["application/json"] },
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
});
