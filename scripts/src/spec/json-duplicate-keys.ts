// Kept, not the yaml package's `uniqueKeys`: that needs a full YAML parse, ~29× slower than this scan on
// GitHub's 13 MB description (72 s vs 2.5 s measured together, under load), which would undo the JSON fast path.
/**
 * Whether some object in a JSON text has the same key twice. `JSON.parse` silently keeps the last
 * one; the YAML parser (our slow path) reports it. Expects text that `JSON.parse` accepted.
 */
export function hasDuplicateJsonKeys(text: string): boolean {
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      let end = i + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end < 0) return false;
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
        end++;
      }
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        const keys = open[open.length - 1];
        if (keys) {
          if (keys.has(key)) return true;
          keys.add(key);
        }
        expectKey = false;
      }
      i = end;
    } else if (code === 0x7b /* { */) {
      open.push(new Set());
      expectKey = true;
    } else if (code === 0x5b /* [ */) {
      open.push(null);
      expectKey = false;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      open.pop();
      expectKey = false;
    } else if (code === 0x2c /* , */) {
      expectKey = open[open.length - 1] != null;
    }
  }
  return false;
}
