/** Semver bump a change to a generated package deserves, judged by the package's TypeScript API. */
export type Bump = "major" | "minor" | "patch";

/** One change to a package's API, in plain words for the changeset body. */
export interface ApiChange {
  bump: Bump;
  text: string;
}

const RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

export function maxBump(a: Bump, b: Bump): Bump {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The release a list of changes needs: the highest bump among them, or undefined when empty. */
export function highestBump(changes: readonly { bump: Bump }[]): Bump | undefined {
  return changes.reduce<Bump | undefined>(
    (high, change) => (high ? maxBump(high, change.bump) : change.bump),
    undefined,
  );
}

/** Major first, then minor, then patch; the original (spec) order within each. */
export function byBump<T extends { bump: Bump }>(changes: readonly T[]): T[] {
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => RANK[b.change.bump] - RANK[a.change.bump] || a.index - b.index)
    .map(({ change }) => change);
}

/**
 * The bump a package at `version` is released with. Before 1.0 a breaking change bumps the minor
 * and everything else the patch (CONTRIBUTING.md, "Versions before 1.0"): a `major` changeset on a
 * 0.x package would publish 1.0.0.
 */
export function releaseBump(bump: Bump, version: string): Bump {
  if (!version.startsWith("0.")) return bump;
  return bump === "major" ? "minor" : "patch";
}
