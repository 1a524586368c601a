import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MockStartError } from "./errors.js";

/** The subpath under which a provider package exports its vendored spec. */
export const SPEC_EXPORT = "openapi.yaml";
const DEFAULT_SCOPE = "@specsdk";

/** `primeintellect` → `@specsdk/primeintellect`; a scoped name is taken as it is; anything else is no name. */
export function providerPackageName(provider: string): string | undefined {
  if (/^@[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/.test(provider)) return provider;
  if (/^[a-z0-9][a-z0-9._-]*$/.test(provider)) return `${DEFAULT_SCOPE}/${provider}`;
  return undefined;
}

function toPath(location: string | URL): string {
  if (location instanceof URL) return fileURLToPath(location);
  return location.startsWith("file:") ? fileURLToPath(location) : resolve(location);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A directory to resolve from: `from` itself, or the directory of the file it names. */
function directoryOf(location: string | URL): string {
  const path = toPath(location);
  return isDirectory(path) ? path : dirname(path);
}

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

/**
 * Names of installed packages that export a spec, in the `@specsdk` scope of every `node_modules`
 * above `dir`: what the user may have meant.
 */
function installedProviders(dir: string): string[] {
  const found = new Set<string>();
  for (let current = dir; ; current = dirname(current)) {
    const scope = join(current, "node_modules", DEFAULT_SCOPE);
    let entries: string[] = [];
    try {
      entries = readdirSync(scope);
    } catch {
      // no such scope here
    }
    for (const entry of entries) {
      try {
        const manifest = JSON.parse(readFileSync(join(scope, entry, "package.json"), "utf8")) as {
          exports?: Record<string, unknown>;
        };
        if (manifest.exports?.[`./${SPEC_EXPORT}`] !== undefined) found.add(entry);
      } catch {
        // not a package
      }
    }
    if (dirname(current) === current) break;
  }
  return [...found].sort();
}

/** `name@version (directory)` of an installed package, as far as its package.json can be read. */
function installedVersion(require: NodeJS.Require, packageName: string): string {
  try {
    const manifestPath = require.resolve(`${packageName}/package.json`);
    const { version } = JSON.parse(readFileSync(manifestPath, "utf8")) as { version?: string };
    return `${packageName}@${version ?? "?"} (${dirname(manifestPath)})`;
  } catch {
    return packageName;
  }
}

/**
 * The spec file a provider package ships, resolved the way Node resolves the package from `from`
 * (default: the current directory, i.e. the project under test), then from this package's own
 * location (a flat install, where it sits beside the provider): always the installed package, never a
 * path fixed when this package was built.
 */
export function resolveProviderSpec(provider: string, from: string | URL | undefined, ownUrl: string): string {
  const packageName = providerPackageName(provider);
  if (packageName === undefined) {
    throw new MockStartError(
      "UNKNOWN_PROVIDER",
      `startMock(${JSON.stringify(provider)}): not a provider name. Pass the name of an installed provider package, e.g. "primeintellect" for @specsdk/primeintellect (or "@scope/name"), or { spec: "path/to/openapi.yaml" }.`,
    );
  }
  const bases = [...new Set([directoryOf(from ?? process.cwd()), directoryOf(ownUrl)])];
  let installedWithoutSpec: string | undefined;
  for (const base of bases) {
    // createRequire wants a file; it need not exist, only its directory matters.
    const require = createRequire(join(base, "__specsdk_mock__.js"));
    try {
      return require.resolve(`${packageName}/${SPEC_EXPORT}`);
    } catch (error) {
      if (errorCode(error) === "ERR_PACKAGE_PATH_NOT_EXPORTED")
        installedWithoutSpec ??= installedVersion(require, packageName);
      else if (errorCode(error) !== "MODULE_NOT_FOUND") throw error;
    }
  }
  if (installedWithoutSpec !== undefined) {
    throw new MockStartError(
      "NO_SPEC_IN_PACKAGE",
      `startMock(${JSON.stringify(provider)}): ${installedWithoutSpec} is installed but does not ship its spec (no "./${SPEC_EXPORT}" export). Update it (npm install ${packageName}@latest), or pass { spec: "path/to/openapi.yaml" }.`,
    );
  }
  const installed = bases.flatMap(installedProviders);
  const known = [...new Set(installed)];
  throw new MockStartError(
    "UNKNOWN_PROVIDER",
    [
      `startMock(${JSON.stringify(provider)}): the package ${packageName} is not installed.`,
      `Looked for ${packageName}/${SPEC_EXPORT} from ${bases.join(" and from ")}.`,
      `Install it in the project under test (npm install ${packageName}), pass { from: <that project's directory> } when tests run from elsewhere, or pass { spec: "path/to/openapi.yaml" }.`,
      known.length > 0
        ? `Installed providers: ${known.map((name) => JSON.stringify(name)).join(", ")}.`
        : `No @specsdk provider package is installed there.`,
    ].join(" "),
  );
}

/** An absolute path to an existing spec file, from `{ spec }` (relative paths from the current directory). */
export function specFilePath(spec: string | URL): string {
  if (spec instanceof URL && spec.protocol !== "file:") {
    throw new MockStartError(
      "SPEC_NOT_FOUND",
      `startMock({ spec: ${JSON.stringify(spec.href)} }): only local files are served`,
    );
  }
  const path = toPath(spec);
  let stats: ReturnType<typeof statSync> | undefined;
  try {
    stats = statSync(path);
  } catch {
    stats = undefined;
  }
  if (!stats?.isFile()) {
    const what = stats ? "is not a file" : "does not exist";
    throw new MockStartError(
      "SPEC_NOT_FOUND",
      `startMock({ spec: ${JSON.stringify(String(spec))} }): ${path} ${what}${typeof spec === "string" && !spec.startsWith("file:") && !isAbsolute(spec) ? ` (relative paths are resolved from the current directory, ${process.cwd()})` : ""}`,
    );
  }
  return path;
}
