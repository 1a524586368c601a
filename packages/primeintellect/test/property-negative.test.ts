/**
 * Values the types forbid (or that would change the URL) that JavaScript callers can pass anyway.
 * Each goes through the named method and the raw call; both must end the same way, and the way is
 * asserted exactly: refused before sending, or sent to this operation's path (never another) with
 * Prism's verdict. Decisions per case: ARCHITECTURE.md, "Negative properties".
 */
import { createPrimeIntellectClient } from "@specsdk/primeintellect";
import { type CallOutcome, callOutcome, prismUrl } from "@specsdk/testing";
import { describe, expect, it } from "vitest";

type Fetch = (request: Request) => Promise<Response>;
const PATH = "/api/v1/images/{image_name}/{image_tag}";
const client = (fetch: Fetch) =>
  createPrimeIntellectClient({
    apiKey: "pi-negative-key",
    baseUrl: prismUrl("primeintellect"),
    fetch,
    maxRetries: 0,
    rateLimit: false,
  });

/** The same call, named and raw; both outcomes must agree. */
async function both(path: Record<string, unknown>, query?: Record<string, unknown>): Promise<CallOutcome> {
  const named = await callOutcome((fetch) => client(fetch).deleteUserImage({ ...path, ...query } as never));
  const raw = await callOutcome((fetch) =>
    client(fetch).DELETE(PATH, { params: { path, ...(query ? { query } : {}) } as never }),
  );
  expect(raw).toEqual(named);
  if (named.sent) expect(named.url.startsWith(`${prismUrl("primeintellect")}/api/v1/images/`)).toBe(true);
  return named;
}

const refused = (why: string) =>
  `UnsafePathParameterError: Path parameter "image_name" for ${prismUrl("primeintellect")}${PATH} ${why}; nothing was sent`;
const SEGMENT = "must be a string, number, boolean, or an array or plain object of them";

describe("image_name values that would change the path: encoded into their own segment, or refused", () => {
  it.each([
    ["../x", "..%2Fx"],
    ["a/b", "a%2Fb"],
    ["?", "%3F"],
    ["#", "%23"],
    ["%2F", "%252F"],
  ])("%j is sent as /images/%s/v1 to this operation, and Prism finds nothing wrong", async (value, segment) => {
    const outcome = await both({ image_name: value, image_tag: "v1" });
    expect(outcome).toMatchObject({ sent: 1, status: 200, requestViolations: [] });
    expect(outcome.sent && new URL(outcome.url).pathname).toBe(`/api/v1/images/${segment}/v1`);
  });

  it.each([
    ["..", refused('would make the segment "..", which changes the path')],
    [".", refused('would make the segment ".", which changes the path')],
    ["", refused("is empty")],
  ])("%j is refused before sending", async (value, message) => {
    expect(await both({ image_name: value, image_tag: "v1" })).toEqual({ sent: 0, refused: message });
  });
});

describe("image_name of a type the types forbid", () => {
  it.each([
    ["missing", undefined, refused("is missing")],
    ["null", null, refused("is missing")],
    ["a Date", new Date(0), refused(SEGMENT)],
    ["a nested object", { a: { b: 1 } }, refused(SEGMENT)],
  ])("%s: refused before sending", async (_, value, message) => {
    expect(await both({ image_name: value, image_tag: "v1" })).toEqual({ sent: 0, refused: message });
  });

  it.each([
    ["a number", 42, "42"],
    ["a boolean", true, "true"],
    ["NaN", Number.NaN, "NaN"],
  ])("%s: sent as its text, which the string schema accepts", async (_, value, segment) => {
    const outcome = await both({ image_name: value, image_tag: "v1" });
    expect(outcome).toMatchObject({ sent: 1, status: 200, requestViolations: [] });
    expect(outcome.sent && new URL(outcome.url).pathname).toBe(`/api/v1/images/${segment}/v1`);
  });

  it.each([
    ["a flat object", { a: 1 }, "a,1"],
    ["an array", ["a", "b"], "a,b"],
  ])("%s: sent in simple style, in its segment, and reported by Prism", async (_, value, segment) => {
    const outcome = await both({ image_name: value, image_tag: "v1" });
    expect(outcome).toMatchObject({
      sent: 1,
      status: 422,
      requestViolations: ["request.path.image_name: Request path parameter image_name must be string"],
    });
    expect(outcome.sent && new URL(outcome.url).pathname).toBe(`/api/v1/images/${segment}/v1`);
  });
});

describe("teamId (query, string or null) of a type the types forbid", () => {
  const path = { image_name: "n", image_tag: "v1" };
  it.each([
    ["a number", 5, "?teamId=5"],
    ["a boolean", false, "?teamId=false"],
    ["null (allowed: not sent)", null, ""],
  ])("%s: sent as text the schema accepts", async (_, value, search) => {
    const outcome = await both(path, { teamId: value });
    expect(outcome).toMatchObject({ sent: 1, status: 200, requestViolations: [] });
    expect(outcome.sent && new URL(outcome.url).search).toBe(search);
  });

  it("an array: sent as repeated teamId and reported by Prism", async () => {
    const outcome = await both(path, { teamId: ["a", "b"] });
    expect(outcome).toMatchObject({ sent: 1, status: 422 });
    expect(outcome.sent && new URL(outcome.url).search).toBe("?teamId=a&teamId=b");
    expect(outcome.sent && outcome.requestViolations).toContain(
      "request.query.teamid: Request query parameter teamid must match a schema in anyOf",
    );
  });

  it("an object: sent as teamId[a]=1, a parameter the spec does not name, so Prism finds nothing (known gap)", async () => {
    const outcome = await both(path, { teamId: { a: 1 } });
    expect(outcome).toMatchObject({ sent: 1, status: 200, requestViolations: [] });
    expect(outcome.sent && decodeURIComponent(new URL(outcome.url).search)).toBe("?teamId[a]=1");
  });
});

describe("fields the operation does not have", () => {
  it("are dropped: the request is the one without them", async () => {
    const outcome = await both({ image_name: "n", image_tag: "v1", extra: "x" });
    expect(outcome).toMatchObject({ sent: 1, status: 200, requestViolations: [] });
    expect(outcome.sent && new URL(outcome.url).pathname + new URL(outcome.url).search).toBe("/api/v1/images/n/v1");
  });
});
