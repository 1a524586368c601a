/**
 * Calls with their own `timeout`/`maxRetries` get a transport of their own, kept per distinct
 * override: repeated overrides reuse it (and its one timeout timer) instead of building one per call.
 */
import { describe, expect, it } from "vitest";
import { resolveClientOptions } from "../src/client-options.js";
import { createTransportSelector } from "../src/transport-selection.js";
import { FIXTURE_KEY, fixtureProvider } from "./fixture-provider.js";

function selector() {
  const resolved = resolveClientOptions(fixtureProvider, { apiKey: FIXTURE_KEY, baseUrl: "http://127.0.0.1:9" });
  return createTransportSelector(resolved, undefined);
}

describe("transport selection", () => {
  const { deleteItem, purgeItem, createItem } = fixtureProvider.operations;

  it("the client default serves plain calls; a config-marked idempotent POST has its own", () => {
    const transports = selector();
    expect(transports.forCall(deleteItem, {})).toBeUndefined();
    expect(transports.forCall(createItem, {})).toBeUndefined();
    const marked = transports.forCall(purgeItem, {});
    expect(marked).toBeDefined();
    expect(transports.forCall(purgeItem, {})).toBe(marked);
  });

  it("the same override gets the same transport; a different override or retry class another", () => {
    const transports = selector();
    const first = transports.forCall(deleteItem, { timeout: 500 });
    expect(first).toBeDefined();
    expect(transports.forCall(deleteItem, { timeout: 500 })).toBe(first);
    expect(transports.forCall(createItem, { timeout: 500 })).toBe(first); // same class: by method
    expect(transports.forCall(deleteItem, { timeout: 501 })).not.toBe(first);
    expect(transports.forCall(deleteItem, { timeout: 500, maxRetries: 0 })).not.toBe(first);
    expect(transports.forCall(purgeItem, { timeout: 500 })).not.toBe(first); // marked idempotent
  });

  it("keeps a bounded number of override transports", () => {
    const transports = selector();
    const first = transports.forCall(deleteItem, { timeout: 1 });
    for (let timeout = 2; timeout <= 200; timeout++) transports.forCall(deleteItem, { timeout });
    // The cache was cleared on the way (64 entries at most), so the first override is built anew.
    expect(transports.forCall(deleteItem, { timeout: 1 })).not.toBe(first);
  });
});
