/**
 * Objects without a prototype (`Object.create(null)`, `querystring.parse`, fast-check records) are
 * plain data: a raw call's body of that kind gets the body credential like any other object.
 * Found by the property test of ModelsLab deleteImage (seed 1602).
 */
import { describe, expect, it } from "vitest";
import { faultServerForFile } from "./fault-server-suite.js";
import { FIXTURE_KEY, keyedClient } from "./fixture-provider.js";

const server = await faultServerForFile();

describe("a raw body without a prototype", () => {
  it("gets the body credential, as the same fields in a literal do", async () => {
    const client = keyedClient({ in: "body", name: "key" }, server.url);
    const body = Object.assign(Object.create(null) as Record<string, unknown>, { id: 1 });
    await client.POST("/delete", { body });
    await client.POST("/delete", { body: { id: 1 } });
    expect(server.requests.map((request) => JSON.parse(request.body))).toEqual([
      { id: 1, key: FIXTURE_KEY },
      { id: 1, key: FIXTURE_KEY },
    ]);
  });
});
