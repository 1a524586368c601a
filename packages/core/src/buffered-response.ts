/**
 * A Response whose body the transport already read inside its attempt. It keeps the received
 * Response's headers, status and URL, and serves every read (`text()`, `json()`, `clone()`, `body`…)
 * from the bytes in memory, any number of times. Rebuilding a `Response` from the bytes instead would
 * stream them through a second body and copy the headers: on Node, that was the largest cost a call
 * added to openapi-fetch's own.
 */
export class BufferedResponse extends Response {
  readonly #received: Response;
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #url: string;

  /** `url`: the request's, for a `fetch` whose Response has none (most test doubles). */
  constructor(received: Response, bytes: Uint8Array<ArrayBuffer> | null, url: string) {
    super(null, { status: received.status, statusText: received.statusText });
    this.#received = received;
    this.#bytes = bytes ?? new Uint8Array();
    this.#url = received.url || url;
  }

  override clone(): Response {
    return new BufferedResponse(this.#received, this.#bytes, this.#url);
  }
  override async text(): Promise<string> {
    return new TextDecoder().decode(this.#bytes);
  }
  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  static {
    const { prototype } = BufferedResponse;
    // The other reads (not on the common path) go through a throwaway Response over the same bytes.
    for (const read of ["arrayBuffer", "blob", "bytes", "formData"] as const) {
      Object.defineProperty(prototype, read, {
        value(this: BufferedResponse) {
          return new Response(this.#bytes, { headers: this.headers })[read]();
        },
      });
    }
    // Accessors: lib.dom declares these as properties, which a class cannot override with getters.
    const getter = (read: (response: BufferedResponse) => unknown) => ({
      get(this: BufferedResponse) {
        return read(this);
      },
    });
    Object.defineProperties(prototype, {
      headers: getter((response) => response.#received.headers),
      url: getter((response) => response.#url),
      redirected: getter((response) => response.#received.redirected),
      body: getter((response) => new Response(response.#bytes.byteLength ? response.#bytes : null).body),
    });
  }
}
