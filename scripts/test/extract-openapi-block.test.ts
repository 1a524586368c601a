import { describe, expect, it } from "vitest";
import { extractOpenApiBlock } from "../src/spec/extract-openapi-block.js";

describe("extractOpenApiBlock", () => {
  it("returns the bytes between the ````yaml line and the closing fence, trailing blank line included", () => {
    const page = "# Title\n\n```json\n{}\n```\n\n````yaml POST /x\nopenapi: 3.1.0\n\n````";
    expect(extractOpenApiBlock(page)).toBe("openapi: 3.1.0\n\n");
  });

  it("ignores a shorter fence inside the block", () => {
    const page = "````yaml\na: |\n  ```\n  b\n````\n";
    expect(extractOpenApiBlock(page)).toBe("a: |\n  ```\n  b\n");
  });

  it("keeps CRLF line endings", () => {
    expect(extractOpenApiBlock("```yaml\r\nopenapi: 3.1.0\r\n```\r\n")).toBe("openapi: 3.1.0\r\n");
  });

  it("returns undefined without a yaml block", () => {
    expect(extractOpenApiBlock("no spec here\n```json\n{}\n```\n")).toBeUndefined();
  });
});
