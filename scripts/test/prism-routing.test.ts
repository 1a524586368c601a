import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningPrism, startPrism } from "@specsdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismRoutesElsewhere, type RoutedOperation } from "../src/model/prism-routing.js";

// Google's Authorized Buyers Marketplace declares both: Prism answers the second with the first.
const SUBSCRIBE = { method: "post", path: "/v1/{pkg}:subscribe" };
const SUBSCRIBE_CLIENTS = { method: "post", path: "/v1/{pkg}:subscribeClients" };
const UNSUBSCRIBE = { method: "post", path: "/v1/{pkg}:unsubscribe" };

describe("prismRoutesElsewhere", () => {
  it("finds a path that an earlier-scored template shadows, in either declaration order that Prism gets wrong", () => {
    // Equal scores: Prism takes the one declared last.
    expect(prismRoutesElsewhere(SUBSCRIBE_CLIENTS, [SUBSCRIBE_CLIENTS, SUBSCRIBE])).toEqual(SUBSCRIBE);
    expect(prismRoutesElsewhere(SUBSCRIBE_CLIENTS, [SUBSCRIBE, SUBSCRIBE_CLIENTS])).toBeUndefined();
    // `(.*):subscribeClients` does not match `x:subscribe`.
    expect(prismRoutesElsewhere(SUBSCRIBE, [SUBSCRIBE, SUBSCRIBE_CLIENTS])).toBeUndefined();
    // `(.*):subscribe` does not match `x:unsubscribe`: the colon is part of the literal.
    expect(prismRoutesElsewhere(UNSUBSCRIBE, [UNSUBSCRIBE, SUBSCRIBE])).toBeUndefined();
  });

  it("leaves ordinary paths alone: a literal segment beats a template, other methods never compete", () => {
    const me = { method: "get", path: "/users/me" };
    const byId = { method: "get", path: "/users/{id}" };
    expect(prismRoutesElsewhere(me, [me, byId])).toBeUndefined();
    expect(prismRoutesElsewhere(byId, [me, byId])).toBeUndefined();
    expect(
      prismRoutesElsewhere(SUBSCRIBE_CLIENTS, [SUBSCRIBE_CLIENTS, { ...SUBSCRIBE, method: "get" }]),
    ).toBeUndefined();
  });
});

describe("agrees with Prism itself", () => {
  const operations: RoutedOperation[] = [SUBSCRIBE_CLIENTS, SUBSCRIBE, UNSUBSCRIBE];
  let dir: string;
  let prism: RunningPrism;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "prism-routing-"));
    const paths = Object.fromEntries(
      operations.map(({ path }) => [
        path,
        {
          post: {
            operationId: path,
            parameters: [{ name: "pkg", in: "path", required: true, schema: { type: "string" } }],
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { type: "object" }, example: { route: path } } },
              },
            },
          },
        },
      ]),
    );
    const spec = join(dir, "spec.json");
    await writeFile(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths }));
    prism = await startPrism(spec);
  });
  afterAll(async () => {
    await prism?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers an operation itself exactly when prismRoutesElsewhere says so", async () => {
    const routedElsewhere: string[] = [];
    for (const operation of operations) {
      const url = `${prism.url}${operation.path.replace("{pkg}", "x")}`;
      const response = await fetch(url, { method: "POST" });
      const answer = (await response.json()) as { route?: string };
      const elsewhere = prismRoutesElsewhere(operation, operations);
      if (elsewhere === undefined) expect(answer.route, operation.path).toBe(operation.path);
      else {
        // Routed to the other operation, whose template then yields no parameter: Prism answers 422.
        expect(response.status, operation.path).toBe(422);
        routedElsewhere.push(operation.path);
      }
    }
    expect(routedElsewhere).toEqual([SUBSCRIBE_CLIENTS.path]);
  });
});
