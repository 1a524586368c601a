/**
 * Which of Prism's `sl-violations` findings fail a contract test, against a real Prism: a parameter
 * the spec marks `deprecated` is still a valid request (GitHub's `page` on dependabot alerts), while a
 * value of the wrong type is not.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  contractFetch,
  describeViolations,
  nonConformingFetch,
  specFindings,
  takeViolations,
} from "../src/contract.js";
import { type RunningPrism, startPrism } from "../src/prism-server.js";
import { createSchemaCheck } from "../src/schema-check.js";

const SPEC = `openapi: 3.0.3
info: { title: findings, version: "1" }
paths:
  /alerts:
    get:
      parameters:
        - { name: page, in: query, deprecated: true, schema: { type: integer } }
        - { name: per_page, in: query, schema: { type: integer } }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { type: array, items: { type: string } }
              example: []
        "422":
          description: a declared error response, so Prism reports a bad request in sl-violations
  /workflows/{workflow_id}:
    get:
      parameters:
        - name: workflow_id
          in: path
          required: true
          schema: { oneOf: [{ type: integer }, { type: string }] }
      responses:
        "200": { description: ok }
        "422": { description: invalid }
`;

let prism: RunningPrism;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "specsdk-findings-"));
  await writeFile(join(dir, "openapi.yaml"), SPEC);
  prism = await startPrism(join(dir, "openapi.yaml"));
}, 60_000);
afterAll(async () => {
  await prism?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("contractFetch's findings", () => {
  it("a deprecated parameter sent: Prism notes it, the contract does not fail on it", async () => {
    const response = await contractFetch(new Request(`${prism.url}/alerts?page=2`));
    expect(response.status).toBe(200);
    // Prism does flag it: without the filter this test would record it.
    expect(JSON.parse(response.headers.get("sl-violations") ?? "[]")).toMatchObject([
      { code: "deprecated", location: ["request", "query", "page"] },
    ]);
    expect(describeViolations(takeViolations(), "request")).toEqual([]);
  });

  it("a value of the wrong type beside it is still recorded", async () => {
    await contractFetch(new Request(`${prism.url}/alerts?page=2&per_page=many`));
    const found = describeViolations(takeViolations(), "request");
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("per_page");
    expect(found[0]).not.toContain('"deprecated"');
  });
});

describe("the harness's text check agrees with Prism on a parameter", () => {
  it("oneOf [integer, string]: Prism refuses exactly the values the check refuses as text", async () => {
    const check = createSchemaCheck({ openapi: "3.0.3" });
    const schema = { oneOf: [{ type: "integer" }, { type: "string" }] };
    for (const value of [0, 7, "12", "build.yml", "ci-2"]) {
      const response = await nonConformingFetch(new Request(`${prism.url}/workflows/${value}`));
      const refusedByPrism = specFindings(response).length > 0;
      expect({ value, refused: check(schema, value, { asText: true }).length > 0 }).toEqual({
        value,
        refused: refusedByPrism,
      });
    }
    expect(takeViolations()).toEqual([]);
  });
});
