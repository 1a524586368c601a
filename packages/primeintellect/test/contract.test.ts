import {
  ApiError,
  AuthenticationError,
  ClientConfigurationError,
  createPrimeIntellectClient,
  UnprocessableEntityError,
  UnsafePathParameterError,
} from "@specsdk/primeintellect";
import { contractFetch, nonConformingFetch, prismUrl } from "@specsdk/testing";
import { describe, expect, it } from "vitest";

const TOKEN = "pi-test-token-abcdef";
const PATH = "/api/v1/images/{image_name}/{image_tag}";

/** A client whose requests are recorded (then forwarded to Prism through the contract check). */
function recordingClient(fetch = contractFetch) {
  const requests: Request[] = [];
  const pi = createPrimeIntellectClient({
    apiKey: TOKEN,
    baseUrl: prismUrl("primeintellect"),
    fetch: (request) => {
      requests.push(request.clone());
      return fetch(request);
    },
  });
  return { pi, requests };
}

describe("Prime Intellect against Prism", () => {
  it("raw DELETE sends path, query and bearer token and returns the typed body", async () => {
    const { pi, requests } = recordingClient();
    const { data, error, response } = await pi.DELETE(PATH, {
      params: { path: { image_name: "my-img", image_tag: "v1" }, query: { teamId: "t1" } },
    });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual({ success: true, message: expect.any(String) });
    expect(requests[0]?.method).toBe("DELETE");
    expect(requests[0]?.url).toBe(`${prismUrl("primeintellect")}/api/v1/images/my-img/v1?teamId=t1`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("named deleteUserImage resolves to the success body", async () => {
    const { pi, requests } = recordingClient();
    const result = await pi.deleteUserImage({ image_name: "my-img", image_tag: "v1", teamId: "t1" });
    expect(result.success).toBe(true);
    expect(typeof result.message).toBe("string");
    expect(requests[0]?.url).toBe(`${prismUrl("primeintellect")}/api/v1/images/my-img/v1?teamId=t1`);
  });

  it("teamId is optional", async () => {
    const { pi, requests } = recordingClient();
    await pi.deleteUserImage({ image_name: "my-img", image_tag: "v1" });
    expect(new URL(requests[0]?.url ?? "").search).toBe("");
  });

  it("path and query values that need percent-encoding arrive as one segment each, intact", async () => {
    const { pi, requests } = recordingClient();
    const name = "my img/../ü?#%";
    const tag = "v1.0+build";
    const teamId = "team & co=1";
    const result = await pi.deleteUserImage({ image_name: name, image_tag: tag, teamId });
    expect(result.success).toBe(true);
    const url = new URL(requests[0]?.url ?? "");
    const segments = url.pathname.split("/");
    expect(segments).toHaveLength(6); // "", api, v1, images, name, tag
    expect(decodeURIComponent(segments[4] ?? "")).toBe(name);
    expect(decodeURIComponent(segments[5] ?? "")).toBe(tag);
    expect(url.searchParams.get("teamId")).toBe(teamId);
  });

  it("without a Bearer token Prism answers 401 with an empty body → AuthenticationError", async () => {
    const pi = createPrimeIntellectClient({
      apiKey: TOKEN,
      baseUrl: prismUrl("primeintellect"),
      // Strip the credential to show that Prism really enforces it (a non-conforming request on purpose).
      fetch: (request) => {
        const withoutAuth = new Request(request);
        withoutAuth.headers.delete("authorization");
        return nonConformingFetch(withoutAuth);
      },
    });
    const error = await pi.deleteUserImage({ image_name: "a", image_tag: "b" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).body).toBeUndefined();

    const raw = await pi.DELETE(PATH, { params: { path: { image_name: "a", image_tag: "b" } } });
    expect(raw.response.status).toBe(401);
    expect(raw.response.ok).toBe(false);
    expect(raw.data).toBeUndefined();
  });

  it("documented 401 via Prefer decodes into AuthenticationError", async () => {
    const { pi } = recordingClient();
    const error = await pi
      .deleteUserImage({ image_name: "a", image_tag: "b" }, { headers: { Prefer: "code=401" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as ApiError).message).not.toContain(TOKEN);
  });

  it("documented 422 decodes into UnprocessableEntityError with the typed ErrorResponse", async () => {
    const { pi } = recordingClient();
    const error = await pi
      .deleteUserImage({ image_name: "a", image_tag: "b" }, { headers: { Prefer: "code=422" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    const apiError = error as UnprocessableEntityError<{ errors: { param: string; details: string }[] }>;
    expect(apiError.status).toBe(422);
    expect(apiError.body.errors[0]).toEqual({ param: expect.any(String), details: expect.any(String) });
    expect(apiError.fieldProblems).toEqual([{ field: expect.any(String), message: expect.any(String) }]);

    const raw = await pi.DELETE(PATH, {
      params: { path: { image_name: "a", image_tag: "b" } },
      headers: { Prefer: "code=422" },
    });
    expect(raw.response.status).toBe(422);
    expect(raw.error).not.toBeInstanceOf(ApiError);
    if (raw.error && !(raw.error instanceof ApiError)) expect(raw.error.errors).toHaveLength(1);
  });
});

describe("Prime Intellect client guards", () => {
  it.each([
    ["..", "v1"],
    [".", "v1"],
    ["", "v1"],
    ["my-img", ".."],
    ["my-img", ""],
  ])("refuses image_name=%j image_tag=%j before sending anything", async (image_name, image_tag) => {
    const { pi, requests } = recordingClient();
    await expect(pi.deleteUserImage({ image_name, image_tag })).rejects.toThrow(UnsafePathParameterError);
    await expect(pi.DELETE(PATH, { params: { path: { image_name, image_tag } } })).rejects.toThrow(
      UnsafePathParameterError,
    );
    expect(requests).toHaveLength(0);
  });

  it("a missing API key fails at creation, naming the option and PRIME_API_KEY", () => {
    const saved = process.env.PRIME_API_KEY;
    delete process.env.PRIME_API_KEY;
    try {
      expect(() => createPrimeIntellectClient()).toThrow(ClientConfigurationError);
      expect(() => createPrimeIntellectClient()).toThrow(/apiKey.*PRIME_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.PRIME_API_KEY = saved;
    }
  });

  it("defaults to the spec's server", async () => {
    const urls: string[] = [];
    const pi = createPrimeIntellectClient({
      apiKey: TOKEN,
      fetch: async (request) => {
        urls.push(request.url);
        return Response.json({ success: true, message: "deleted" });
      },
    });
    await pi.deleteUserImage({ image_name: "a", image_tag: "b" });
    expect(urls).toEqual(["https://api.primeintellect.ai/api/v1/images/a/b"]);
  });

  it("refuses to send the token over plain http to a non-loopback host", () => {
    expect(() => createPrimeIntellectClient({ apiKey: TOKEN, baseUrl: "http://api.example.com" })).toThrow(
      /refusing to send the API key over plain http/,
    );
    expect(() =>
      createPrimeIntellectClient({ apiKey: TOKEN, baseUrl: "http://api.example.com", allowInsecureHttp: true }),
    ).not.toThrow();
  });
});
