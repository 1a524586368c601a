/**
 * The `fetch` every in-process contender calls: it resolves at once with a small JSON body, like
 * openapi-fetch's own benchmark does, so what is left to measure is each client's own work.
 * A fresh Response per call (a body can be read once); the request is not read, as a server would.
 */

export const STUB_BODY = { success: true, message: "image deleted", status: "success" } as const;

export const stubFetch = (_input: RequestInfo | URL, _init?: RequestInit): Promise<Response> =>
  Promise.resolve(Response.json(STUB_BODY));
