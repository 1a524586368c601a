import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toSpecYaml } from "../src/spec/spec-yaml.js";

describe("vendored spec YAML", () => {
  it("quotes every string a YAML 1.1 or 1.2 reader would turn into something else", () => {
    const tricky = ["yes", "No", "on", "OFF", "y", "2024-01-01", "1:20", "0o17", "012", "0x1F", "1e3", "1_000", ".inf"];
    const more = ["null", "~", "", " lead", "trail ", "a: b", "x #y", "#x", "- x", "@x", "`x", "'q'", '"q"', "200"];
    const document = {
      openapi: "3.1.0",
      strings: [...tricky, ...more],
      keys: Object.fromEntries(tricky.map((k) => [k, k])),
    };
    const text = toSpecYaml(document);
    for (const version of ["1.1", "1.2"] as const) expect(parse(text, { version })).toEqual(document);
    expect(text).toContain("- 'yes'\n");
    expect(text).toContain("  'y': 'y'\n");
  });

  it("is deterministic and does not fold long lines", () => {
    const long = "word ".repeat(60).trim();
    const document = { info: { description: long, multi: "line one\nline two\n" }, list: [1, 2.5, true, null] };
    const text = toSpecYaml(document);
    expect(text).toBe(toSpecYaml(parse(text)));
    expect(text).toContain(`description: ${long}\n`);
    expect(text).toContain("  multi: |\n    line one\n    line two\n");
  });

  it("writes repeated objects out in full, never as anchors and aliases", () => {
    const schema = { type: "string" };
    const text = toSpecYaml({ a: schema, b: schema });
    expect(text).toBe("a:\n  type: string\nb:\n  type: string\n");
  });
});
