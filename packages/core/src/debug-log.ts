export type DebugSink = (line: string) => void;

/** Debug logging option: `true` prints to stderr, a function receives each line. */
export type DebugOption = boolean | DebugSink | undefined;

/**
 * Returns a line logger, or undefined when debugging is off (the default; client-options.ts reads
 * `SPECSDK_DEBUG` when the option is not given). Every line is redacted, so a key in a URL never
 * reaches the log.
 */
export function createDebugLog(
  option: DebugOption,
  providerName: string,
  redact: (text: string) => string,
): DebugSink | undefined {
  if (!option) return undefined;
  const sink: DebugSink = typeof option === "function" ? option : (line) => console.error(line);
  return (line) => sink(redact(`[specsdk:${providerName}] ${line}`));
}
