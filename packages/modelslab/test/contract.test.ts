import {
  ApiError,
  BadRequestError,
  ClientConfigurationError,
  createModelsLabClient,
  type Middleware,
} from "@specsdk/modelslab";
import { contractFetch, prismUrl, takeViolations } from "@specsdk/testing";
import { describe, expect, it } from "vitest";

const API_KEY = "ml-test-key-0123456789";

function client() {
  return createModelsLabClient({ apiKey: API_KEY, baseUrl: prismUrl("modelslab"), fetch: contractFetch });
}

/** Captures the JSON body of every request the client sends (through openapi-fetch middleware). */
function bodyRecorder() {
  const bodies: unknown[] = [];
  const middleware: Middleware = {
    async onRequest({ request }) {
      bodies.push(await request.clone().json());
    },
  };
  return { bodies, middleware };
}

describe("ModelsLab against Prism", () => {
  it("raw POST /delete_image injects the key and returns the typed success body", async () => {
    const ml = client();
    const { bodies, middleware } = bodyRecorder();
    ml.use(middleware);
    const { data, error, response } = await ml.POST("/delete_image", { body: { request_id: 2398 } });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual({ status: "success", messege: "image deleted" });
    expect(bodies).toEqual([{ request_id: 2398, key: API_KEY }]);
  });

  it("named deleteImage sends request_id and type and resolves to the success body", async () => {
    const ml = client();
    const { bodies, middleware } = bodyRecorder();
    ml.use(middleware);
    const result = await ml.deleteImage({ request_id: 2398, type: "video" });
    expect(result.messege).toBe("image deleted");
    expect(result.status).toBe("success");
    expect(bodies).toEqual([{ request_id: 2398, type: "video", key: API_KEY }]);
  });

  it("a key passed per call wins over the client's", async () => {
    const ml = client();
    const { bodies, middleware } = bodyRecorder();
    ml.use(middleware);
    await ml.POST("/delete_image", { body: { request_id: 1, key: "per-call-key" } });
    expect(bodies).toEqual([{ request_id: 1, key: "per-call-key" }]);
  });

  it("documented 400 decodes into BadRequestError with the typed Error body (named)", async () => {
    const error = await client()
      .deleteImage({ request_id: 2398 }, { headers: { Prefer: "code=400" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as BadRequestError<{ status: "error"; message: string }>;
    expect(apiError.status).toBe(400);
    expect(apiError.body.status).toBe("error");
    expect(typeof apiError.body.message).toBe("string");
    expect(apiError.method).toBe("POST");
    expect(apiError.url).toBe(`${prismUrl("modelslab")}/delete_image`);
    expect(apiError.message).not.toContain(API_KEY);
    expect(JSON.stringify(apiError)).not.toContain(API_KEY);
  });

  it("documented 400 surfaces as `error` on the raw call, which does not throw", async () => {
    const { data, error, response } = await client().POST("/delete_image", {
      body: { request_id: 2398 },
      headers: { Prefer: "code=400" },
    });
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ status: "error" });
  });

  it("Prism rejects a request without the required request_id, so the contract check is live", async () => {
    const ml = client();
    // @ts-expect-error request_id is required by the spec
    const { response } = await ml.POST("/delete_image", { body: { type: "image" } });
    expect(response.status).toBe(400); // Prism answers invalid requests with the documented 400
    const violations = takeViolations();
    expect(violations).toHaveLength(1);
    expect(JSON.stringify(violations[0]?.violations)).toContain("request_id");
  });
});

describe("ModelsLab client options", () => {
  it("a missing API key fails at creation, naming the option and the env var", () => {
    const saved = process.env.MODELSLAB_API_KEY;
    delete process.env.MODELSLAB_API_KEY;
    try {
      expect(() => createModelsLabClient()).toThrow(ClientConfigurationError);
      expect(() => createModelsLabClient()).toThrow(/apiKey.*MODELSLAB_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.MODELSLAB_API_KEY = saved;
    }
  });

  it("the key defaults to MODELSLAB_API_KEY", async () => {
    process.env.MODELSLAB_API_KEY = "from-env-key";
    try {
      const ml = createModelsLabClient({ baseUrl: prismUrl("modelslab"), fetch: contractFetch });
      const { bodies, middleware } = bodyRecorder();
      ml.use(middleware);
      await ml.deleteImage({ request_id: 7 });
      expect(bodies).toEqual([{ request_id: 7, key: "from-env-key" }]);
    } finally {
      delete process.env.MODELSLAB_API_KEY;
    }
  });

  it("defaults to the operation's server from the spec", async () => {
    const urls: string[] = [];
    const ml = createModelsLabClient({
      apiKey: API_KEY,
      fetch: async (request) => {
        urls.push(request.url);
        return Response.json({ status: "success", messege: "image deleted" });
      },
    });
    await ml.deleteImage({ request_id: 1 });
    expect(urls).toEqual(["https://modelslab.com/api/v3/delete_image"]);
  });

  it("a 200 body with status: error is an ApiError carrying its message", async () => {
    const ml = createModelsLabClient({
      apiKey: API_KEY,
      fetch: async () => Response.json({ status: "error", message: "Request id not found" }),
    });
    const error = await ml.deleteImage({ request_id: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
    expect((error as ApiError).message).toContain("Request id not found");
    const raw = await ml.POST("/delete_image", { body: { request_id: 1 } });
    expect(raw.data).toBeUndefined();
    expect(raw.error).toEqual({ status: "error", message: "Request id not found" });
  });
});
