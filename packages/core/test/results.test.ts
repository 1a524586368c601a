/**
 * What calls give back: named methods' bodies and `.withResponse()`, raw calls' `{ data, error,
 * response }` (with a truthy `error` for every failure), error classes, and middleware on every call.
 */
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createProviderClient } from "../src/create-client.js";
import {
  ApiEnvelopeError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ClientConfigurationError,
  NotFoundError,
} from "../src/errors.js";
import type { ProviderDefinition } from "../src/provider-definition.js";
import { encodeBody } from "../src/request-body.js";
import { faultServerForFile } from "./fault-server-suite.js";
import { FIXTURE_KEY, fixtureClient, fixtureProvider } from "./fixture-provider.js";

const server = await faultServerForFile();

describe("named methods", () => {
  it("resolve to the body; withResponse() adds the response and request id, from the same one request", async () => {
    server.script({ kind: "respond", status: 200, headers: { "x-request-id": "req_1" }, body: { ok: true } });
    const call = fixtureClient(server.url).deleteItem({ id: "1" });
    const [body, { data, response, requestId }] = await Promise.all([call, call.withResponse()]);
    expect(body).toEqual({ ok: true });
    expect(data).toBe(body);
    expect(response.status).toBe(200);
    expect(requestId).toBe("req_1");
    expect(server.requests).toHaveLength(1);
  });

  it("withResponse() rejects with the same ApiError, and an unread plain promise leaves no unhandled rejection", async () => {
    server.script({ kind: "respond", status: 404, body: { message: "gone" } });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
      await expect(fixtureClient(server.url).deleteItem({ id: "1" }).withResponse()).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off("unhandledRejection", onRejection);
    }
    expect(rejections).toEqual([]);
  });

  it("catch() and finally() work as on any promise", async () => {
    server.script({ kind: "respond", status: 400, body: { message: "no" } });
    let settled = false;
    const caught = await fixtureClient(server.url)
      .deleteItem({ id: "1" })
      .finally(() => {
        settled = true;
      })
      .catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(BadRequestError);
    expect(settled).toBe(true);
  });

  it("a Response without a url (a custom fetch's) still gives the ApiError for its status, with the request's URL", async () => {
    const client = fixtureClient("https://api.example.test", {
      fetch: async () => new Response(JSON.stringify({ message: "who are you" }), { status: 401 }),
    });
    const error = await client.deleteItem({ id: "7" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as ApiError).url).toBe("https://api.example.test/items/7");
    const raw = await client.DELETE("/items/{id}", { params: { path: { id: "7" } } });
    expect(raw.response.url).toBe("https://api.example.test/items/7");
  });

  it("an error envelope sent with 200 is an ApiEnvelopeError carrying its message", async () => {
    const provider = {
      ...fixtureProvider,
      operations: { deleteItem: fixtureProvider.operations.deleteItem },
      errorEnvelope: { field: "status", value: "error", messageFields: ["messege"] },
    };
    const client = createProviderClient<{}, { deleteItem(input: { id: string }): Promise<unknown> }>(provider, {
      apiKey: FIXTURE_KEY,
      baseUrl: server.url,
    });
    server.script({ kind: "respond", status: 200, body: { status: "error", messege: "no such image" } });
    const error = await client.deleteItem({ id: "1" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiEnvelopeError);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
    expect((error as ApiError).message).toBe("Fixture API error 200 on DELETE /items/1: no such image");
  });
});

describe("raw calls", () => {
  it("a bodiless error gives a truthy error: the ApiError for its status", async () => {
    server.script({ kind: "respond", status: 401 });
    const { data, error, response } = await fixtureClient(server.url).DELETE("/items/{id}", {
      params: { path: { id: "1" } },
    });
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as ApiError).status).toBe(401);
  });

  it("an error with a body gives the decoded body, as openapi-fetch does", async () => {
    server.script({ kind: "respond", status: 404, body: { message: "gone" } });
    const { error } = await fixtureClient(server.url).DELETE("/items/{id}", { params: { path: { id: "1" } } });
    expect(error).toEqual({ message: "gone" });
  });

  it("request() accepts any casing of the method and refuses an unknown one without throwing synchronously", async () => {
    const client = fixtureClient(server.url);
    const { response } = await client.request("delete", "/items/{id}", { params: { path: { id: "1" } } });
    expect(response.status).toBe(200);
    const refused = (client.request as (method: string, path: string) => Promise<unknown>)("QUERY", "/items");
    await expect(refused).rejects.toBeInstanceOf(ClientConfigurationError);
  });
});

describe("middleware", () => {
  it("sees every call, raw and named, and may change the request", async () => {
    const client = fixtureClient(server.url);
    const seen: string[] = [];
    const middleware: Middleware = {
      onRequest({ request }) {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        request.headers.set("x-from-middleware", "yes");
        return request;
      },
    };
    client.use(middleware);
    await client.deleteItem({ id: "1" });
    await client.DELETE("/items/{id}", { params: { path: { id: "2" } } });
    expect(seen).toEqual(["DELETE /items/1", "DELETE /items/2"]);
    expect(server.requests.map((request) => request.headers["x-from-middleware"])).toEqual(["yes", "yes"]);
  });

  it("a replaced request is still retried and timed out by the transport", async () => {
    server.script(
      { kind: "respond", status: 503, headers: { "retry-after-ms": "1" } },
      { kind: "respond", status: 200, body: {} },
    );
    const client = fixtureClient(server.url);
    client.use({ onRequest: ({ request }) => new Request(request, { headers: { "x-replaced": "1" } }) });
    await client.deleteItem({ id: "1" });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers["x-replaced"]).toBe("1");
  });
});

describe("the response a call hands back", () => {
  it("keeps the server's headers, status and URL, and its body reads any number of times, in every form", async () => {
    const payload = { ok: true, name: "café" };
    server.script({ kind: "respond", status: 201, headers: { "x-request-id": "req_9" }, body: payload });
    const client = fixtureClient(server.url);
    const bodies: unknown[] = [];
    // A middleware that reads a clone, as logging middleware does, leaves the body to the call.
    client.use({
      async onResponse({ response }) {
        bodies.push(await response.clone().json());
      },
    });
    const { data, response } = await client.DELETE("/items/{id}", { params: { path: { id: "1" } } });
    expect(data).toEqual(payload);
    expect(bodies).toEqual([payload]);
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.ok, response.url]).toEqual([201, true, `${server.url}/items/1`]);
    expect(response.headers.get("x-request-id")).toBe("req_9");
    const text = JSON.stringify(payload);
    expect(await response.text()).toBe(text);
    expect(new TextDecoder().decode(await response.arrayBuffer())).toBe(text);
    const blob = await response.blob();
    expect([blob.type, await blob.text()]).toEqual(["application/json", text]);
    expect(await new Response(response.body).text()).toBe(text);
    expect(await response.clone().json()).toEqual(payload);
  });

  it("has the request's URL when the custom fetch's Response has none, and no body for a 204", async () => {
    const client = fixtureClient("https://api.example.test", {
      fetch: async () => new Response(null, { status: 204 }),
    });
    const { response } = await client.DELETE("/items/{id}", { params: { path: { id: "7" } } });
    expect(response.url).toBe("https://api.example.test/items/7");
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(await response.text()).toBe("");
  });
});

describe("a keyless provider", () => {
  it("needs no key, sends no credential, and may use plain http", async () => {
    const provider = {
      ...fixtureProvider,
      auth: { placement: { in: "none" } },
      operations: { deleteItem: fixtureProvider.operations.deleteItem },
    } satisfies ProviderDefinition;
    const client = createProviderClient<{}, { deleteItem(input: { id: string }): Promise<unknown> }>(provider, {
      baseUrl: server.url,
    });
    await expect(client.deleteItem({ id: "1" })).resolves.toEqual({ ok: true });
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(() =>
      createProviderClient(provider as ProviderDefinition, { baseUrl: "http://open.example.com" }),
    ).not.toThrow();
  });
});

describe("provider definitions", () => {
  it("an event-stream operation without the eventStream feature is refused at creation, by name", () => {
    expect(() =>
      createProviderClient(fixtureProvider as ProviderDefinition, { apiKey: "k", baseUrl: server.url }),
    ).toThrow(/streamEvents\(\) needs the `eventStream` feature/);
  });

  it("a form, multipart or other non-JSON body needs the encodeBody feature; JSON bodies do not", () => {
    const withBody = (bodyMediaType: string) => ({
      ...fixtureProvider,
      operations: { createItem: { ...fixtureProvider.operations.createItem, bodyMediaType } },
    });
    const create = (provider: ProviderDefinition) => () =>
      createProviderClient(provider, { apiKey: "k", baseUrl: server.url });
    expect(create(withBody("multipart/form-data"))).toThrow(/createItem\(\) needs the `encodeBody` feature/);
    expect(create(withBody("text/csv"))).toThrow(/createItem\(\) needs the `encodeBody` feature/);
    expect(create(withBody("application/vnd.api+json; charset=utf-8"))).not.toThrow();
  });
});

describe("request bodies", () => {
  it("an optional body with no field given is not sent; a required one is `{}`; given fields are sent", async () => {
    const patch = { ...fixtureProvider.operations.createItem, method: "patch", path: "/items" } as const;
    const provider = {
      ...fixtureProvider,
      operations: { patchItem: { ...patch, bodyOptional: true }, putItem: { ...patch, method: "put" } },
    } satisfies ProviderDefinition;
    const client = createProviderClient<
      Record<string, never>,
      {
        patchItem(input?: { name?: string }): Promise<unknown>;
        putItem(input?: { name?: string }): Promise<unknown>;
      }
    >(provider, { apiKey: FIXTURE_KEY, baseUrl: server.url });
    await client.patchItem({});
    await client.patchItem({ name: undefined });
    await client.patchItem({ name: "a" });
    await client.putItem({});
    expect(server.requests.map((request) => [request.method, request.headers["content-type"], request.body])).toEqual([
      ["PATCH", undefined, ""],
      ["PATCH", undefined, ""],
      ["PATCH", "application/json", '{"name":"a"}'],
      ["PUT", "application/json", "{}"],
    ]);
  });

  it("a form body sends an array as the field repeated, as OpenAPI's form default says (Twilio's Permission)", async () => {
    const provider = {
      ...fixtureProvider,
      operations: {
        createRole: {
          ...fixtureProvider.operations.createItem,
          path: "/roles",
          bodyMediaType: "application/x-www-form-urlencoded",
        },
      },
    } satisfies ProviderDefinition;
    server.script({ kind: "respond", status: 201, body: { ok: true } });
    const client = createProviderClient<
      Record<string, never>,
      { createRole(input: { FriendlyName: string; Permission: string[] }): Promise<unknown> }
    >(provider, { apiKey: FIXTURE_KEY, baseUrl: server.url }, { encodeBody });
    await expect(
      client.createRole({ FriendlyName: "ops & dev", Permission: ["sendMessage", "leaveChannel"] }),
    ).resolves.toEqual({ ok: true });
    expect(server.requests[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(server.requests[0]?.body).toBe("FriendlyName=ops+%26+dev&Permission=sendMessage&Permission=leaveChannel");
  });
});

describe("spec paths", () => {
  it("a fragment that tells operations apart (`/export#type`) is not sent, and the query still is", async () => {
    const provider = {
      ...fixtureProvider,
      operations: {
        exportSchema: {
          ...fixtureProvider.operations.deleteItem,
          method: "get",
          path: "/schemas/{name}/export#type",
          pathParams: ["name"],
          queryParams: ["type"],
        },
      },
    } satisfies ProviderDefinition;
    server.script({ kind: "respond", status: 200, body: { ok: true } });
    const client = createProviderClient<
      Record<string, never>,
      { exportSchema(input: { name: string; type: string }): Promise<unknown> }
    >(provider, { apiKey: FIXTURE_KEY, baseUrl: server.url });
    await expect(client.exportSchema({ name: "s1", type: "OpenApi3" })).resolves.toEqual({ ok: true });
    expect(server.requests[0]?.url).toBe("/schemas/s1/export?type=OpenApi3");
  });
});
