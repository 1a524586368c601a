/**
 * The generator and the runtime speak one vocabulary (src/shared/runtime-vocabulary.ts takes it from
 * @specsdk/core's source). The type assertions fail `pnpm typecheck` when the two drift — a type
 * redeclared on one side, a field renamed or narrowed on the other; the runtime assertions fail here.
 */
import type { OperationDefinition as PublishedOperationDefinition } from "@specsdk/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { OperationModel, ProviderModel } from "../src/model/provider-model.js";
import {
  type BodyInput,
  type CredentialPlacement,
  ERROR_CLASSES,
  HTTP_METHODS,
  type HttpMethod,
  isJsonMediaType,
  type OperationDefinition,
  type PaginationDefinition,
  RETRY_SAFE_METHODS,
  type SuccessParse,
} from "../src/shared/runtime-vocabulary.js";
import type { PaginationConfig, ProviderConfig } from "../src/spec/provider-config.js";

describe("the generator and the runtime agree", () => {
  it("on HTTP methods: the generator walks each method the runtime types, once", () => {
    expectTypeOf<(typeof HTTP_METHODS)[number]>().toEqualTypeOf<HttpMethod>();
    expect(new Set(HTTP_METHODS).size).toBe(HTTP_METHODS.length);
    // RFC 9110 §9.2.2's idempotent methods, spelled as fetch sends them.
    expect([...RETRY_SAFE_METHODS].sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PUT", "TRACE"]);
    for (const method of RETRY_SAFE_METHODS) expect(HTTP_METHODS).toContain(method.toLowerCase());
  });

  it("on the operation table: the model's fields are the runtime's types", () => {
    expectTypeOf<OperationModel["method"]>().toEqualTypeOf<OperationDefinition["method"]>();
    expectTypeOf<OperationModel["bodyInput"]>().toEqualTypeOf<BodyInput>();
    expectTypeOf<OperationModel["successParse"]>().toEqualTypeOf<SuccessParse>();
    expectTypeOf<OperationModel["inputShape"]>().toEqualTypeOf<NonNullable<OperationDefinition["inputShape"]>>();
    expectTypeOf<OperationModel["eventData"]>().toEqualTypeOf<OperationDefinition["eventData"]>();
    expectTypeOf<ProviderModel["placement"]>().toEqualTypeOf<CredentialPlacement>();
    expectTypeOf<PaginationConfig>().toEqualTypeOf<PaginationDefinition>();
    expectTypeOf<NonNullable<ProviderConfig["auth"]["in"]>>().toEqualTypeOf<CredentialPlacement["in"]>();
  });

  it("with the published package: the built types are the source the generator reads", () => {
    expectTypeOf<PublishedOperationDefinition>().toEqualTypeOf<OperationDefinition>();
  });

  it("on the error classes: each one a provider package re-exports is a class the built package exports", async () => {
    const published: Record<string, unknown> = await import("@specsdk/core");
    expect(ERROR_CLASSES).toContain("ApiError");
    expect(ERROR_CLASSES).toContain("ApiUserAbortError");
    for (const name of ERROR_CLASSES) {
      expect((published[name] as { prototype?: unknown } | undefined)?.prototype, name).toBeInstanceOf(Error);
    }
    expect(ERROR_CLASSES).not.toContain("createApiError");
  });

  it.each([
    ["application/json", true],
    ["application/problem+json", true],
    ["application/json; charset=utf-8", true],
    ["application/vnd.api+json", true],
    ["text/plain", false],
    ["application/x-www-form-urlencoded", false],
    ["application/jsonl", false],
  ])("on which media types are JSON: %s → %s", (mediaType, json) => {
    expect(isJsonMediaType(mediaType)).toBe(json);
  });
});
