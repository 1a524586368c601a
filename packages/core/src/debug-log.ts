export type DebugSink = (line: string) => void;

/** Debug logging option: `true` prints to stderr, a function receives each line. */
export type DebugOption = boolean | DebugSink | undefined;

function envEnabled(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.SPECSDK_DEBUG;
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

/**
 * Returns a line logger, or undefined when debugging is off (the default; `SPECSDK_DEBUG=1` turns it
 * on). Every line is redacted, so a key in a URL never reaches the log.
 */
export function createDebugLog(
  option: DebugOption,
  providerName: string,
  redact: (text: string) => string,
): DebugSink | undefined {
  const enabled = option === undefined ? envEnabled() : option !== false;
  if (!enabled) return undefined;
  const sink: DebugSink = typeof option === "function" ? option : (line) => console.error(line);
  return (line) => sink(redact(`[specsdk:${providerName}] ${line}`));
}
