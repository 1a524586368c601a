import { createParser } from "eventsource-parser";
import { ApiPromise, type WithResponse } from "./api-promise.js";
import { ApiError } from "./errors.js";

/** One server-sent event. `data` is JSON-decoded when the spec describes the events as JSON. */
export interface ServerSentEvent<Data = string> {
  /** The `event:` field; `undefined` for the default `message` type. */
  event: string | undefined;
  data: Data;
  id: string | undefined;
  /** The `retry:` (milliseconds) sent with this event, if any. */
  retry: number | undefined;
}

/**
 * What a named method of an event-stream operation returns: iterate it for the events as they
 * arrive (`for await (const event of client.x())`), or await it (and `.withResponse()`) for the
 * iterable once the response headers are in. Leaving the loop early, or aborting the call's
 * `signal`, cancels the response and releases the connection.
 */
export class EventStreamPromise<Data> extends ApiPromise<AsyncIterable<ServerSentEvent<Data>>> {
  async *[Symbol.asyncIterator](): AsyncGenerator<ServerSentEvent<Data>, void, undefined> {
    yield* await this;
  }
}

/** OpenAI-style end marker of a JSON event stream: ends the iteration instead of failing to decode. */
const DONE = "[DONE]";

/** Parses a response body of server-sent events, one event at a time, as chunks arrive. */
async function* parseEvents(
  response: Response,
  method: string,
  json: boolean,
): AsyncGenerator<ServerSentEvent<unknown>> {
  const ready: ServerSentEvent<string>[] = [];
  let retry: number | undefined;
  const parser = createParser({
    onRetry: (ms) => {
      retry = ms;
    },
    onEvent: ({ event, data, id }) => {
      ready.push({ event, data, id, retry });
      retry = undefined;
    },
  });
  if (response.body === null) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(value);
      for (let event = ready.shift(); event !== undefined; event = ready.shift()) {
        if (!json) {
          yield event;
          continue;
        }
        if (event.data === DONE) return;
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          throw new ApiError({
            status: response.status,
            message: `Event data is not valid JSON: ${event.data.slice(0, 200)}`,
            method,
            url: response.url,
            headers: new Headers(),
            body: undefined,
            rawBody: event.data,
          });
        }
        yield { ...event, data };
      }
    }
  } finally {
    // Ends the response whether the stream ended, failed or the caller stopped iterating.
    reader.cancel().catch(() => {});
  }
}

/**
 * Turns an event-stream call (its success body requested as a stream) into an EventStreamPromise.
 * Passed to `createProviderClient` by generated clients whose spec has event-stream operations, so
 * the parser is only bundled where it is used.
 */
export function eventStream(
  outcome: Promise<WithResponse<unknown>>,
  method: string,
  json: boolean,
): EventStreamPromise<unknown> {
  return new EventStreamPromise(
    outcome.then((result) => ({ ...result, data: parseEvents(result.response, method, json) })),
  );
}
