import { createProviderClient, eventStream, type ProviderDefinition, type ServerSentEvent } from "@specsdk/core";
import { createParser } from "eventsource-parser";
import createClient from "openapi-fetch";
import { markdownTable } from "../shared/format.js";
import type { SectionOptions, SectionResult } from "../shared/section.js";
import { quantile } from "../shared/stats.js";
import { startChildServer } from "./child-server.js";

const GOAL_MS = 5;

/** A one-operation provider whose `GET /events` streams JSON events, as a generated one would be. */
const streamingProvider: ProviderDefinition = {
  name: "bench",
  displayName: "Bench",
  defaultBaseUrl: "http://127.0.0.1",
  auth: { envVar: "BENCH_API_KEY", placement: { in: "bearer" } },
  operations: {
    streamEvents: {
      method: "get",
      path: "/events",
      serverUrl: "http://127.0.0.1",
      pathParams: [],
      queryParams: [],
      headerParams: [],
      cookieParams: [],
      bodyInput: "none",
      successParse: "event-stream",
      eventData: "json",
      authenticated: true,
      idempotent: true,
    },
  },
};

type Written = { writtenAt: number };
const now = () => performance.timeOrigin + performance.now();

/** Parses a body of server-sent events with eventsource-parser, calling `onData` per event. */
async function parseBody(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const parser = createParser({ onEvent: (event) => onData(event.data) });
  const decoder = new TextDecoder();
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
    parser.feed(decoder.decode(chunk, { stream: true }));
}

/** Each contender reads one whole stream and returns every event's delay (ms) from write to arrival. */
function contenders(url: string): Record<string, () => Promise<number[]>> {
  const ours = createProviderClient<{}, { streamEvents(): AsyncIterable<ServerSentEvent<Written>> }>(
    streamingProvider,
    { apiKey: "k", baseUrl: url },
    { eventStream },
  );
  const bare = createClient<{ "/events": { get: { responses: {} } } }>({ baseUrl: url });
  const delays = () => {
    const list: number[] = [];
    return { list, record: (data: string) => list.push(now() - (JSON.parse(data) as Written).writtenAt) };
  };
  return {
    "fetch + eventsource-parser": async () => {
      const { list, record } = delays();
      const response = await fetch(`${url}/events`, { headers: { Authorization: "Bearer k" } });
      await parseBody(response.body as ReadableStream<Uint8Array>, record);
      return list;
    },
    'openapi-fetch (parseAs: "stream") + eventsource-parser': async () => {
      const { list, record } = delays();
      const { data } = await bare.GET("/events", { parseAs: "stream", headers: { Authorization: "Bearer k" } });
      await parseBody(data as ReadableStream<Uint8Array>, record);
      return list;
    },
    "ours named (for await … of client.streamEvents())": async () => {
      const list: number[] = [];
      for await (const event of ours.streamEvents()) list.push(now() - event.data.writtenAt);
      return list;
    },
  };
}

/** How late each event reaches the caller after the server wrote it, over a real socket. */
export async function streamLatencySection(options: SectionOptions): Promise<SectionResult> {
  const streams = options.quick ? 3 : 20;
  const events = 10;
  const gapMs = 50;
  const server = await startChildServer(options.root, "event-server.ts", [String(events), String(gapMs)]);
  try {
    const runs = contenders(server.url);
    const first = new Map<string, number[]>();
    const all = new Map<string, number[]>();
    for (const run of Object.values(runs)) await run(); // warm-up, and fail fast
    for (let round = 0; round < streams; round++) {
      for (const [name, run] of Object.entries(runs)) {
        const delays = await run();
        if (delays.length !== events) throw new Error(`${name} saw ${delays.length} of ${events} events`);
        first.set(name, [...(first.get(name) ?? []), delays[0] as number]);
        all.set(name, [...(all.get(name) ?? []), ...delays]);
      }
    }
    const ms = (values: number[], q: number) =>
      `${quantile(
        [...values].sort((a, b) => a - b),
        q,
      ).toFixed(2)} ms`;
    const rows = Object.keys(runs).map((name) => {
      const firsts = first.get(name) ?? [];
      const every = all.get(name) ?? [];
      return [name, ms(firsts, 0.5), ms(firsts, 0.95), ms(every, 0.5), ms(every, 0.95), ms(every, 1)];
    });
    const header = ["reader", "first event: median", "p95", "every event: median", "p95", "max"];
    const table = markdownTable(header, rows);
    const oursFirst = quantile(
      [...(first.get(Object.keys(runs)[2] as string) ?? [])].sort((a, b) => a - b),
      0.95,
    );
    const verdict = `Goal: the first event reaches the caller ≤ ${GOAL_MS} ms after the server writes it — ${oursFirst <= GOAL_MS ? "met" : "**not met**"} (ours, p95 ${oursFirst.toFixed(2)} ms).`;
    return {
      id: "stream",
      console: `${table}\n\n${verdict}`,
      markdown: [
        `A node:http server on 127.0.0.1 (its own process) writes ${events} server-sent events ${gapMs} ms apart, each carrying the moment it was written (\`performance.timeOrigin + performance.now()\`, the clock the reader reads on arrival). ${streams} streams per reader, interleaved. Ours is a provider client whose operation answers \`text/event-stream\`, iterated with \`for await\`; the others parse with eventsource-parser, the library ours uses.`,
        "",
        table,
        "",
        verdict,
      ].join("\n"),
    };
  } finally {
    await server.stop();
  }
}
