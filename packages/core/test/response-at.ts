/**
 * A Response with a URL, as the transport hands responses on (`new Response()` has none, and only
 * `fetch` sets one).
 */
export function responseAt(url: string, body: BodyInit | null = null, init: ResponseInit = {}): Response {
  const response = new Response(body, init);
  Object.defineProperty(response, "url", { value: url });
  return response;
}
