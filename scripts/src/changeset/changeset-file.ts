import type { ApiChange, Bump } from "../api-diff/api-change.js";

const DIGEST_LENGTH = 8;

/**
 * `<provider>-spec-<from>-<to>.md`, from the first hex digits of the two specs' SHA-256: the same
 * spec change always gets the same name, so a second run finds the file and writes nothing.
 */
export function changesetFileName(provider: string, beforeSha256: string, afterSha256: string): string {
  return `${changesetPrefix(provider, beforeSha256)}${afterSha256.slice(0, DIGEST_LENGTH)}.md`;
}

/** Every changeset written for a change starting at this spec version shares this prefix. */
export function changesetPrefix(provider: string, beforeSha256: string): string {
  return `${provider}-spec-${beforeSha256.slice(0, DIGEST_LENGTH)}-`;
}

export interface ChangesetContent {
  packageName: string;
  /** What the change deserves by semver… */
  bump: Bump;
  /** …and what the package is released with (lower before 1.0). */
  releasedAs: Bump;
  specPath: string;
  apiTitle: string;
  beforeVersion: string;
  afterVersion: string;
  changes: readonly ApiChange[];
}

/** A changeset: front matter naming the package and bump, then the changes in plain words. */
export function renderChangeset(content: ChangesetContent): string {
  const version =
    content.beforeVersion === content.afterVersion
      ? content.afterVersion
      : `${content.beforeVersion} → ${content.afterVersion}`;
  return [
    "---",
    `${JSON.stringify(content.packageName)}: ${content.releasedAs}`,
    "---",
    "",
    ...(content.bump === "major" && content.releasedAs !== "major"
      ? ["**Breaking (0.x):** released as a minor because the package is before 1.0.", ""]
      : []),
    `Regenerated from \`${content.specPath}\` (${content.apiTitle} ${version}).`,
    "",
    ...content.changes.map((change) => `- ${change.text}`),
    "",
  ].join("\n");
}
