import type { Writable } from "node:stream";

/** Replaces every secret in `text` (secrets shorter than 4 characters are ignored: too many false hits). */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets
    .filter((secret) => secret.length >= 4)
    .reduce((out, secret) => out.replaceAll(secret, "[redacted]"), text);
}

/**
 * A sink for a child process's output that never lets a secret through: text is passed on a whole
 * line at a time, so a secret split across two chunks is still caught. Call `end()` to flush the
 * last, unterminated line.
 */
export function redactingLines(secrets: readonly string[], target: Writable) {
  let pending = "";
  return {
    write(chunk: Buffer | string) {
      pending += chunk.toString();
      const cut = pending.lastIndexOf("\n") + 1;
      if (cut === 0) return;
      target.write(redact(pending.slice(0, cut), secrets));
      pending = pending.slice(cut);
    },
    end() {
      if (pending) target.write(redact(pending, secrets));
      pending = "";
    },
  };
}
