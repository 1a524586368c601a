/** openapi-fetch's `parseAs` values: how a successful body is handed to the caller. */
export type ParseAs = "json" | "text" | "blob" | "arrayBuffer" | "stream";

const utf8 = new TextDecoder();

/**
 * Decodes a successful body the transport already read, the way openapi-fetch would have read it
 * from the Response: an empty JSON body is `undefined`, invalid JSON throws its SyntaxError.
 */
export function decodeBody(bytes: Uint8Array | null, response: Response, parseAs: ParseAs): unknown {
  // Read from a Response stream, so never backed by a SharedArrayBuffer.
  const body = (bytes ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>;
  switch (parseAs) {
    case "json": {
      const text = utf8.decode(body);
      return text === "" ? undefined : JSON.parse(text);
    }
    case "text":
      return utf8.decode(body);
    case "blob":
      return new Blob([body], { type: response.headers.get("content-type") ?? "" });
    case "arrayBuffer":
      return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
    case "stream":
      return new Response(body).body;
    default:
      throw new TypeError(`Unsupported parseAs ${String(parseAs)}`);
  }
}
