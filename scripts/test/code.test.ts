import { describe, expect, it } from "vitest";
import { docComment, identifier, join, lineComment, literal, propertyKey, ts } from "../src/generate/emit/code.js";

describe("generated code is built only from escaped parts", () => {
  it("a plain string cannot be interpolated (a type error), numbers and code can", () => {
    // @ts-expect-error spec text must go through an escaper
    ts`const x = ${"raw text"};`;
    expect(ts`const x = ${literal('a"b')} + ${2};`.text).toBe('const x = "a\\"b" + 2;');
    expect(join([ts`a`, ts`b`], ts`, `).text).toBe("a, b");
  });

  it("literal escapes quotes, control characters and line separators", () => {
    expect(literal('*/"\n\0\u2028\u2029</script>').text).toBe('"*/\\"\\n\\u0000\\u2028\\u2029</script>"');
  });

  it("docComment cannot be closed or left by the text inside it", () => {
    const comment = docComment(["a */ b", "c\u2028d\re\0f"]).text;
    expect(comment).toBe("/**\n * a *\\/ b\n * c\n * d\n * ef\n */");
    expect(docComment(["one line"]).text).toBe("/** one line */");
  });

  it("lineComment keeps everything on its line", () => {
    expect(lineComment("a\nb\u2028c\rd").text).toBe("// a b c d");
  });

  it("identifier refuses what is not a usable name; propertyKey quotes what must be quoted", () => {
    expect(() => identifier("then;x")).toThrow(/not a usable identifier/);
    expect(() => identifier("delete")).toThrow(/not a usable identifier/);
    expect(identifier("deleteItem").text).toBe("deleteItem");
    expect(propertyKey("ok").text).toBe("ok");
    expect(propertyKey("a-b").text).toBe('"a-b"');
    expect(propertyKey("__proto__").text).toBe('"__proto__"');
  });
});
