/**
 * The changelog format of `changeset version` (.changeset/config.json `changelog`), written for the
 * people who read a provider's CHANGELOG.md:
 *
 * - a changeset's text as it is, without the commit hash changesets' default puts in front;
 * - a dependency update as one line with a link to what changed there ("Runtime updated to
 *   @specsdk/core 0.3.0"), instead of "Updated dependencies" and a list of versions.
 *
 * CommonJS and plain JavaScript because changesets loads it with `require()` (apply-release-plan),
 * before any TypeScript tooling runs. Options (the config's second element): `repo`, the GitHub
 * `owner/name` the links point into.
 */
const { relative, sep } = require("node:path");

/** The package whose updates are worded as the runtime's. */
const RUNTIME = "@specsdk/core";

/** @param {string} summary */
function releaseLine(summary) {
  const [first = "", ...rest] = summary.split("\n").map((line) => line.trimEnd());
  const more = rest.map((line) => (line === "" ? "" : `  ${line}`)).join("\n");
  return `- ${first}${rest.length > 0 ? `\n${more}` : ""}`;
}

/**
 * The GitHub link to a version's CHANGELOG.md entry (`## 0.3.0` is anchored `#030`), or undefined
 * without a repository.
 * @param {{ dir: string, newVersion: string }} dependency
 * @param {{ repo?: string } | null} options
 */
function changelogLink(dependency, options) {
  if (!options?.repo) return undefined;
  const dir = relative(process.cwd(), dependency.dir).split(sep).join("/");
  return `https://github.com/${options.repo}/blob/main/${dir}/CHANGELOG.md#${dependency.newVersion.replace(/[^\w-]/g, "")}`;
}

const changelogFunctions = {
  /** @param {{ summary: string }} changeset */
  async getReleaseLine(changeset) {
    return releaseLine(changeset.summary);
  },
  /**
   * @param {unknown} _changesets
   * @param {{ name: string, dir: string, newVersion: string }[]} dependenciesUpdated
   * @param {{ repo?: string } | null} options
   */
  async getDependencyReleaseLine(_changesets, dependenciesUpdated, options) {
    return dependenciesUpdated
      .map((dependency) => {
        const what = `${dependency.name} ${dependency.newVersion}`;
        const link = changelogLink(dependency, options);
        const named = link ? `[${what}](${link})` : what;
        return dependency.name === RUNTIME ? `- Runtime updated to ${named}` : `- Dependency updated: ${named}`;
      })
      .join("\n");
  },
};

module.exports = changelogFunctions;
