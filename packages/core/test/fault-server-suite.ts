import { type FaultServer, startFaultServer } from "@specsdk/testing";
import { afterAll, afterEach, beforeEach, expect } from "vitest";

/**
 * A fault server for one test file: started now, answering 200 `{ ok: true }` after a reset before
 * each test, closed after the file. Any unhandled rejection fails the test that left it.
 */
export async function faultServerForFile(): Promise<FaultServer> {
  const server = await startFaultServer();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await server.close();
  });
  beforeEach(() => server.reset({ kind: "respond", status: 200, body: { ok: true } }));
  afterEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled.splice(0), "no unhandled rejections").toEqual([]);
  });
  return server;
}
