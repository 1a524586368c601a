/**
 * Bodies the types forbid that JavaScript callers can pass anyway, through the named method and the
 * raw call: both must end the same way, asserted exactly (refused before sending, or sent to
 * POST /delete_image, the only path, with Prism's verdict). Decisions: ARCHITECTURE.md, "Negative properties".
 */
import { createModelsLabClient } from "@specsdk/modelslab";
import { type CallOutcome, callOutcome, prismUrl } from "@specsdk/testing";
import { describe, expect, it } from "vitest";

type Fetch = (request: Request) => Promise<Response>;
const KEY = "ml-negative-key";
const client = (fetch: Fetch) =>
  createModelsLabClient({ apiKey: KEY, baseUrl: prismUrl("modelslab"), fetch, maxRetries: 0, rateLimit: false });

async function both(body: Record<string, unknown>): Promise<CallOutcome> {
  const named = await callOutcome((fetch) => client(fetch).deleteImage(body as never));
  const raw = await callOutcome((fetch) => client(fetch).POST("/delete_image", { body: body as never }));
  expect(raw).toEqual(named);
  if (named.sent) expect(named.url).toBe(`${prismUrl("modelslab")}/delete_image`);
  return named;
}

const NOT_INTEGER = "request.body.request_id: Request body property request_id must be integer";

describe("bodies Prism reports (400, the spec's Bad request), sent as written plus the key", () => {
  it.each([
    ["request_id as a string", { request_id: "12" }, { request_id: "12", key: KEY }, [NOT_INTEGER]],
    ["request_id a fraction", { request_id: 1.5 }, { request_id: 1.5, key: KEY }, [NOT_INTEGER]],
    ["request_id null", { request_id: null }, { request_id: null, key: KEY }, [NOT_INTEGER]],
    ["request_id NaN (JSON null)", { request_id: Number.NaN }, { request_id: null, key: KEY }, [NOT_INTEGER]],
    ["request_id missing", {}, { key: KEY }, ["request.body: Request body must have required property 'request_id'"]],
    [
      "type outside the enum",
      { request_id: 1, type: "audio" },
      { request_id: 1, type: "audio", key: KEY },
      [
        "request.body.type: Request body property type must be equal to one of the allowed values: image, video, voice, 3d",
      ],
    ],
    [
      "type null",
      { request_id: 1, type: null },
      { request_id: 1, type: null, key: KEY },
      [
        "request.body.type: Request body property type must be string",
        "request.body.type: Request body property type must be equal to one of the allowed values: image, video, voice, 3d",
      ],
    ],
    [
      "key a number (the caller's value wins)",
      { request_id: 1, key: 123 },
      { request_id: 1, key: 123 },
      ["request.body.key: Request body property key must be string"],
    ],
  ])("%s", async (_, body, sent, violations) => {
    const outcome = await both(body);
    expect(outcome).toMatchObject({ sent: 1, method: "POST", status: 400, requestViolations: violations });
    expect(outcome.sent && JSON.parse(outcome.body)).toEqual(sent);
  });
});

describe("bodies the schema accepts", () => {
  it.each([
    [
      "an extra field (the schema allows more properties)",
      { request_id: 1, foo: "x" },
      { request_id: 1, foo: "x", key: KEY },
    ],
    ["key null (the client's key fills it)", { request_id: 1, key: null }, { request_id: 1, key: KEY }],
    ["key empty (the caller's value wins)", { request_id: 1, key: "" }, { request_id: 1, key: "" }],
  ])("%s: sent, no violation", async (_, body, sent) => {
    const outcome = await both(body);
    expect(outcome).toMatchObject({ sent: 1, status: 200, requestViolations: [] });
    expect(outcome.sent && JSON.parse(outcome.body)).toEqual(sent);
  });
});

describe("bodies JSON cannot encode", () => {
  it("a BigInt request_id: JSON.stringify's TypeError before sending", async () => {
    expect(await both({ request_id: 10n })).toEqual({
      sent: 0,
      refused: "TypeError: Do not know how to serialize a BigInt",
    });
  });
});
