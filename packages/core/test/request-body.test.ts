import { describe, expect, it } from "vitest";
import type { OperationDefinition } from "../src/provider-definition.js";
import { encodeBody } from "../src/request-body.js";

const operation = (bodyMediaType?: string) =>
  ({
    method: "post",
    path: "/x",
    serverUrl: "https://api.example.test",
    pathParams: [],
    queryParams: [],
    headerParams: [],
    cookieParams: [],
    bodyInput: "fields",
    authenticated: true,
    idempotent: false,
    ...(bodyMediaType === undefined ? {} : { bodyMediaType }),
  }) as unknown as OperationDefinition;

describe("encodeBody", () => {
  it("leaves JSON to openapi-fetch: the body as given, no header, no serializer", () => {
    const body = { a: 1 };
    for (const type of [undefined, "application/json", "application/vnd.api+json"]) {
      const encoded = encodeBody(operation(type), body);
      expect(encoded).toEqual({ body });
      expect(encoded.body).toBe(body);
    }
  });

  it("sends nothing when there is no body, whatever the media type", () => {
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]) {
      expect(encodeBody(operation(type), undefined)).toEqual({ body: undefined });
    }
  });

  it("a form: each field once, an array repeated, objects as JSON, null and undefined left out", () => {
    const encoded = encodeBody(operation("application/x-www-form-urlencoded"), {
      name: "a b&c",
      tags: ["x", null, "y"],
      meta: { k: 1 },
      count: 2,
      gone: null,
      skipped: undefined,
    });
    expect(encoded.headers).toEqual({ "Content-Type": "application/x-www-form-urlencoded" });
    expect(String(encoded.body)).toBe("name=a+b%26c&tags=x&tags=y&meta=%7B%22k%22%3A1%7D&count=2");
    expect(encoded.bodySerializer?.(encoded.body)).toBe(encoded.body);
  });

  it("a form field the spec encodes as deepObject: each value in brackets, arrays indexed; the others as before", () => {
    const stripe = { ...operation("application/x-www-form-urlencoded"), formDeepObjects: ["address", "items"] };
    const encoded = encodeBody(stripe as OperationDefinition, {
      display_name: "HQ",
      address: { country: "US", line1: "1 Main St", unit: null },
      items: [{ price: "p_1", quantity: 2 }, { price: "p_2" }],
      tags: ["x", "y"],
      meta: { k: 1 },
    });
    expect(decodeURIComponent(String(encoded.body)).split("&")).toEqual([
      "display_name=HQ",
      "address[country]=US",
      "address[line1]=1+Main+St",
      "items[0][price]=p_1",
      "items[0][quantity]=2",
      "items[1][price]=p_2",
      "tags=x",
      "tags=y",
      'meta={"k":1}',
    ]);
  });

  it("multipart: a field the spec encodes as deepObject in brackets too (Stripe's file_link_data on POST /v1/files)", () => {
    const stripe = { ...operation("multipart/form-data"), formDeepObjects: ["file_link_data", "expand"] };
    const file = new Blob(["evidence"], { type: "text/plain" });
    const encoded = encodeBody(stripe as OperationDefinition, {
      file,
      purpose: "dispute_evidence",
      file_link_data: { create: true, metadata: { case: "7" } },
      expand: ["links"],
      meta: { k: 1 },
    });
    const form = encoded.body as FormData;
    expect([...form.keys()]).toEqual([
      "file",
      "purpose",
      "file_link_data[create]",
      "file_link_data[metadata][case]",
      "expand[0]",
      "meta",
    ]);
    expect(form.get("file_link_data[create]")).toBe("true");
    expect(form.get("meta")).toBe('{"k":1}');
    expect(form.get("file")).toBeInstanceOf(Blob);
  });

  it("multipart: fields and files in a FormData, no Content-Type (fetch adds the boundary)", async () => {
    const file = new Blob(["hello"], { type: "text/plain" });
    const encoded = encodeBody(operation("multipart/form-data"), { file, n: 1, list: ["a", "b"], obj: { k: true } });
    expect(encoded.headers).toBeUndefined();
    expect(encoded.bodySerializer).toBeUndefined();
    const form = encoded.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(await (form.get("file") as Blob).text()).toBe("hello");
    expect(form.getAll("n")).toEqual(["1"]);
    expect(form.getAll("list")).toEqual(["a", "b"]);
    expect(form.getAll("obj")).toEqual(['{"k":true}']);
  });

  it("multipart: a FormData the caller built is sent as it is", () => {
    const form = new FormData();
    form.append("a", "1");
    const encoded = encodeBody(operation("multipart/form-data; boundary=x"), form);
    expect(encoded.body).toBe(form);
    expect(encoded.headers).toBeUndefined();
  });

  it("any other media type: the body as given, with its Content-Type and no serialization", () => {
    const encoded = encodeBody(operation("text/csv"), "a,b\n1,2");
    expect(encoded.body).toBe("a,b\n1,2");
    expect(encoded.headers).toEqual({ "Content-Type": "text/csv" });
    const raw = { not: "serialized" };
    expect(encoded.bodySerializer?.(raw)).toBe(raw);
  });
});
