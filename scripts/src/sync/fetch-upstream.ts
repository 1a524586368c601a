import { SpecError } from "../shared/spec-error.js";

export interface FetchUpstreamOptions {
  /** Whole request, body included. */
  timeoutMs?: number;
  /** Refuse documents larger than this (the biggest public specs are a few MB). */
  maxBytes?: number;
}

/** Why a fetch failed, in one line: undici hides the socket error in `cause`. */
function networkProblem(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError")
    return `no complete answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { message?: string; code?: string } }).cause;
  return cause?.message ?? cause?.code ?? (error as Error).message;
}

/** Downloads an upstream spec; anything but a complete 200 response is a SpecError naming the URL. */
export async function fetchUpstream(url: string, options: FetchUpstreamOptions = {}): Promise<string> {
  const { timeoutMs = 60_000, maxBytes = 32 * 1024 * 1024 } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.1" } });
  } catch (error) {
    throw new SpecError(url, `cannot fetch: ${networkProblem(error, timeoutMs)}`);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new SpecError(
      url,
      `answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}, expected 200`,
    );
  }
  const declared = Number(response.headers.get("content-length"));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new SpecError(url, `document is ${declared} bytes, more than the ${maxBytes} allowed`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = response.body?.getReader();
    for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new SpecError(url, `document is more than the ${maxBytes} bytes allowed`);
      }
      chunks.push(read.value);
    }
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError(url, `download interrupted: ${networkProblem(error, timeoutMs)}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new SpecError(url, "document is not valid UTF-8");
  }
}
