/** The text of a `changeset:api` changeset: front matter, then the spec and API-surface changes in words. */
import type { ApiChange, Bump } from "../api-diff/api-change.js";

export interface ApiChangesetContent {
  packageName: string;
  /** What the change deserves by semver… */
  bump: Bump;
  /** …and what the package is released with (lower before 1.0). */
  releasedAs: Bump;
  /** The spec change, when the package's spec changed. */
  spec?: { specPath: string; apiTitle: string; beforeVersion: string; afterVersion: string; changes: ApiChange[] };
  apiChanges: readonly ApiChange[];
  /** What the surface was compared with, in words (`revision \`HEAD\``). */
  baseline: string;
}

export function renderApiChangeset(content: ApiChangesetContent): string {
  const lines = ["---", `${JSON.stringify(content.packageName)}: ${content.releasedAs}`, "---", ""];
  if (content.bump === "major" && content.releasedAs !== "major") {
    lines.push("**Breaking (0.x):** released as a minor because the package is before 1.0.", "");
  }
  const { spec } = content;
  if (spec) {
    const version =
      spec.beforeVersion === spec.afterVersion ? spec.afterVersion : `${spec.beforeVersion} → ${spec.afterVersion}`;
    lines.push(`Regenerated from \`${spec.specPath}\` (${spec.apiTitle} ${version}).`, "");
    lines.push(...spec.changes.map((change) => `- ${change.text}`), "");
  }
  if (content.apiChanges.length > 0) {
    lines.push(`API surface, compared with ${content.baseline}:`, "");
    lines.push(...content.apiChanges.map((change) => `- ${change.text} (${change.bump})`), "");
  }
  return lines.join("\n");
}
