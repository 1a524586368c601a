/** A named call's result together with the response it came in (`.withResponse()`). */
export interface WithResponse<T> {
  data: T;
  response: Response;
  /** `x-request-id` of the response, when the server sent one. */
  requestId: string | undefined;
}

/**
 * What a named method returns: a Promise of the success body, as before, plus `.withResponse()`
 * for the body with its Response (status, headers) and request id — the same single request.
 *
 * Only `then` is looked at by `await`, so the body promise is derived from the call lazily: a call
 * read only through `.withResponse()` never leaves a second, unhandled rejection behind.
 */
export class ApiPromise<T> extends Promise<T> {
  readonly #outcome: Promise<WithResponse<T>>;
  #body: Promise<T> | undefined;

  constructor(outcome: Promise<WithResponse<T>>) {
    super((resolve) => resolve(undefined as T));
    this.#outcome = outcome;
  }

  // `then` on a subclass would otherwise construct an ApiPromise from an executor.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The success body with its `response` and `requestId`. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#outcome;
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass; `await` must see this `then`.
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#body ??= this.#outcome.then((outcome) => outcome.data);
    return this.#body.then(onFulfilled, onRejected);
  }
}
