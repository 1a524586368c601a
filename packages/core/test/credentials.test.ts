import { describe, expect, it } from "vitest";
import { createRedactor, credentialHeaders, redactHeaders, redactJson } from "../src/credentials.js";

describe("credentialHeaders", () => {
  it.each([
    [{ in: "bearer" } as const, "tok", { Authorization: "Bearer tok" }],
    // Base64 of the UTF-8 bytes: `btoa` alone would throw on "ä".
    [{ in: "basic" } as const, "user:pässword", { Authorization: "Basic dXNlcjpww6Rzc3dvcmQ=" }],
    [{ in: "header", name: "X-Api-Key" } as const, "k 1", { "X-Api-Key": "k 1" }],
    [{ in: "cookie", name: "sid" } as const, "a b;c", { Cookie: "sid=a%20b%3Bc" }],
    [{ in: "query", name: "key" } as const, "k", {}],
    [{ in: "body", name: "key" } as const, "k", {}],
    [{ in: "none" } as const, "k", {}],
  ])("%j", (placement, key, headers) => {
    expect(credentialHeaders(placement, key)).toEqual(headers);
  });
});

describe("createRedactor", () => {
  it("an empty key redacts nothing", () => {
    expect(createRedactor("")("anything at all")).toBe("anything at all");
  });

  it("a key shorter than 8 characters is redacted only whole, every time", () => {
    expect(createRedactor("abc")("xabcxabc ab")).toBe("x[redacted]x[redacted] ab");
  });

  it("a truncated echo is redacted as far as it matches, from the head or back from the tail", () => {
    expect(createRedactor("abcdefghijklmnop")("..abcdefghijXYZ|XYZhijklmnop|abcdefghijklmnopabcdefgh")).toBe(
      "..[redacted]XYZ|XYZ[redacted]|[redacted][redacted]",
    );
  });

  it("a head echo found past the start is redacted to its last matching character", () => {
    expect(createRedactor("abcdefghijklmnop")("x abcdefghijklm y")).toBe("x [redacted] y");
  });

  it("a tail echo at the very start of the text is redacted", () => {
    expect(createRedactor("abcdefghijklmnop")("ijklmnop y")).toBe("[redacted] y");
  });

  it("overlapping matches become one [redacted]", () => {
    expect(createRedactor("aaaaaaaaab")("aaaaaaaaaaab")).toBe("[redacted]");
  });

  it("base64 and base64url forms are redacted (a key in a Basic header or a URL-safe token)", () => {
    expect(btoa("??>>??>>")).toBe("Pz8+Pj8/Pj4=");
    expect(createRedactor("??>>??>>")("t=Pz8-Pj8_Pj4&u=Pz8+Pj8/Pj4=")).toBe("t=[redacted]&u=[redacted]");
  });
});

describe("redactJson", () => {
  const redact = createRedactor("abcdefghij");

  it("gives back the same value when there is nothing to redact", () => {
    const value = { a: [1, "two"] };
    expect(redactJson(value, redact)).toBe(value);
    expect(redactJson(undefined, redact)).toBeUndefined();
    const fn = () => 1;
    expect(redactJson(fn, redact)).toBe(fn);
  });

  it("gives a redacted copy when the key is inside", () => {
    const value = { a: ["x abcdefghij y"], n: 1 };
    expect(redactJson(value, redact)).toEqual({ a: ["x [redacted] y"], n: 1 });
    expect(value.a[0]).toBe("x abcdefghij y");
  });

  it("is [redacted] as a whole when redacting breaks the JSON (the key spans its syntax)", () => {
    expect(redactJson({ k: "abcdefgh" }, createRedactor('k":"abcdefgh'))).toBe("[redacted]");
  });
});

describe("redactHeaders", () => {
  it("drops credential headers by name, and no other header without a key header", () => {
    const headers = new Headers({
      authorization: "a",
      "proxy-authorization": "b",
      cookie: "c",
      "set-cookie": "d",
      "x-api-key": "e",
      "x-other": "f abcdefghij",
    });
    expect([...redactHeaders(headers, createRedactor("abcdefghij"))]).toEqual([["x-other", "f [redacted]"]]);
  });
});
