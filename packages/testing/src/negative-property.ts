import * as fc from "fast-check";
import {
  type CallOutcome,
  callOutcome,
  checkWithFuzzSettings,
  deref,
  type GeneratedCall,
  namedInput,
  namesMediaType,
  type OperationPropertyOptions,
  operationCalls,
  rawInit,
  throwIfFailed,
} from "./operation-property.js";

/**
 * Values the types forbid but JavaScript callers can pass: text that would change a URL, wrong
 * types, `null`, values that are not data, and (as `undefined`) a missing value.
 */
const forbiddenValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("..", ".", "", "../x", "a/b", "?x=1", "#x", "%2F", "//evil.example", "/"),
  fc.constantFrom(null, undefined, Number.NaN, 42, -1.5, true, 10n),
  fc.constantFrom(new Date(0), new Map([["a", 1]]), { a: { b: 1 } }, { a: "1" }, ["a", "b"], [{ a: 1 }], []),
);

/** One valid call with one parameter or body field replaced by a forbidden value (or left out). */
function spoiled(
  call: GeneratedCall,
  target: { in: "path" | "query" | "header" | "body"; name: string },
  value: unknown,
) {
  const section = target.in === "body" ? call.body : call[target.in];
  const replaced = { ...(section as Record<string, unknown>) };
  if (value === undefined) delete replaced[target.name];
  else replaced[target.name] = value;
  return target.in === "body" ? { ...call, body: replaced } : { ...call, [target.in]: replaced };
}

/** Whether a sent URL's path is the operation's template with every placeholder filled by exactly one segment. */
function fitsTemplate(url: string, base: string, template: string): boolean {
  if (!url.startsWith(base)) return false;
  const sent = new URL(url).pathname.slice(new URL(base).pathname.replace(/\/$/, "").length).split("/");
  const expected = template.split("#")[0]!.split("?")[0]!.split("/");
  if (sent.length !== expected.length) return false;
  return expected.every((segment, index) => {
    const actual = sent[index] as string;
    if (!segment.includes("{")) return actual === segment;
    // A placeholder's segment keeps the template's literal text around it, and is never `.` or `..`.
    const [before, after] = [segment.slice(0, segment.indexOf("{")), segment.slice(segment.lastIndexOf("}") + 1)];
    return actual.startsWith(before) && actual.endsWith(after) && !/^\.{1,2}$/.test(actual);
  });
}

/**
 * An outcome with its query parameters sorted: the named method sends them in the spec's order, the
 * raw call in the order of the caller's object, and a server reads them by name.
 */
function comparable(outcome: CallOutcome): CallOutcome {
  if (!outcome.sent) return outcome;
  const url = new URL(outcome.url);
  url.searchParams.sort();
  return { ...outcome, url: url.href };
}

export interface NegativePropertyOptions extends OperationPropertyOptions {
  /** The client's base URL (Prism's): a sent request must go there. */
  baseUrl: string;
}

/**
 * The negative property of one operation: a valid generated call with one parameter or top-level
 * body field replaced by a forbidden value (or left out), sent through the named method and the raw
 * call, ends the same way both times, and either is refused before sending with an error that says
 * so, or is sent with this operation's method to this operation's path (each path value in its own
 * segment), never to another operation. What Prism then says about it is not asserted here (the
 * seeds' hand-written property-negative tests assert it exactly, per case).
 */
export async function checkNegativeProperty(options: NegativePropertyOptions): Promise<void> {
  const { document, operation, table, calls } = operationCalls(options);
  const targets = [
    ...operation.parameters
      // Prism's negotiator throws outside its error handling on an unparsable media type, which
      // would take the mock server down rather than answer (Lufthansa's `Accept` parameter).
      .filter(
        (parameter) => parameter.in !== "cookie" && !(parameter.in === "header" && namesMediaType(parameter.name)),
      )
      .map((parameter) => ({ in: parameter.in as "path" | "query" | "header", name: parameter.name })),
    ...Object.keys(
      (deref(document, operation.body?.schema) as { properties?: object } | undefined)?.properties ?? {},
    ).map((name) => ({ in: "body" as const, name })),
  ];
  if (targets.length === 0) return;
  const method = table.method.toUpperCase();
  const outcomes = async (call: GeneratedCall): Promise<[CallOutcome, CallOutcome]> => [
    await callOutcome((fetch) =>
      (options.client(fetch)[options.name] as (input: unknown) => Promise<unknown>)(namedInput(table, call)),
    ),
    await callOutcome((fetch) =>
      (options.client(fetch)[method] as (path: string, init: unknown) => Promise<unknown>)(
        table.path,
        rawInit(call, table),
      ),
    ),
  ];
  const property = fc.asyncProperty(calls, fc.constantFrom(...targets), forbiddenValue, async (call, target, value) => {
    if (target.in === "body" && (typeof call.body !== "object" || call.body === null || Array.isArray(call.body))) {
      return;
    }
    const [named, raw] = await outcomes(spoiled(call, target, value));
    if (JSON.stringify(comparable(named)) !== JSON.stringify(comparable(raw))) {
      throw new Error(
        `named and raw calls ended differently:\nnamed: ${JSON.stringify(named)}\nraw:   ${JSON.stringify(raw)}`,
      );
    }
    if (!named.sent) {
      if (!/^\w*Error: ./.test(named.refused)) throw new Error(`refused without a clear error: ${named.refused}`);
      return;
    }
    if (named.method !== method || !fitsTemplate(named.url, options.baseUrl, table.path)) {
      throw new Error(`sent ${named.method} ${named.url}, which is not ${method} ${table.path}`);
    }
  });
  throwIfFailed(await checkWithFuzzSettings(property), options.provider.name);
}
