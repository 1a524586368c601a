import { SpecError } from "../shared/spec-error.js";
import {
  HTTP_METHODS,
  type OpenApiDocument,
  type OperationObject,
  type PathItemObject,
} from "../spec/openapi-types.js";
import { operationKey, parseOperationKey } from "../spec/upstream-config.js";

type Json = unknown;
const COMPONENT_REF = /^#\/components\/([^/]+)\/([^/]+)$/;
const unescapePointer = (part: string) => part.replaceAll("~1", "/").replaceAll("~0", "~");
const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Every `#/components/<section>/<name>` a value points at (`$ref`s and discriminator mappings). */
function componentRefs(value: Json, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) componentRefs(item, found);
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") found.push(child);
      else if (key === "mapping" && isObject(child)) {
        for (const target of Object.values(child)) if (typeof target === "string") found.push(target);
        componentRefs(child, found);
      } else componentRefs(child, found);
    }
  }
  return found.filter((ref) => COMPONENT_REF.test(ref));
}

/** Security scheme names used by the top-level and per-operation `security` requirements. */
function securitySchemeNames(document: OpenApiDocument): Set<string> {
  const names = new Set<string>();
  const add = (requirements: unknown) => {
    if (Array.isArray(requirements))
      for (const requirement of requirements)
        if (isObject(requirement)) for (const name in requirement) names.add(name);
  };
  add(document.security);
  for (const item of Object.values(document.paths ?? {}))
    for (const method of HTTP_METHODS) add((item[method] as OperationObject | undefined)?.security);
  return names;
}

/** Keeps only the components the rest of the document reaches, following references transitively. */
function pruneComponents(document: OpenApiDocument): void {
  const components = document.components;
  if (!components) return;
  const { components: _, ...rest } = document;
  const used = new Map<string, Set<string>>();
  const mark = (section: string, name: string): boolean => {
    const names = used.get(section) ?? new Set<string>();
    used.set(section, names);
    if (names.has(name)) return false;
    names.add(name);
    return true;
  };
  const queue = componentRefs(rest);
  for (const name of securitySchemeNames(document)) mark("securitySchemes", name);
  while (queue.length > 0) {
    const [, rawSection, rawName] = COMPONENT_REF.exec(queue.pop() as string) as RegExpExecArray;
    const section = unescapePointer(rawSection as string);
    const name = unescapePointer(rawName as string);
    if (!mark(section, name)) continue;
    const target = (components[section] as Record<string, Json> | undefined)?.[name];
    // A dangling reference stays dangling: validation reports it with its location.
    if (target !== undefined) queue.push(...componentRefs(target));
  }
  const pruned: Record<string, Json> = {};
  for (const [section, entries] of Object.entries(components)) {
    if (section.startsWith("x-") || !isObject(entries)) {
      pruned[section] = entries;
      continue;
    }
    const names = used.get(section);
    const kept = Object.fromEntries(Object.entries(entries).filter(([name]) => names?.has(name)));
    if (Object.keys(kept).length > 0) pruned[section] = kept;
  }
  if (Object.keys(pruned).length > 0) document.components = pruned as OpenApiDocument["components"];
  else delete document.components;
}

/**
 * The upstream document reduced to the operations in `keep` ("METHOD /path"): other operations,
 * webhooks, unused tags and every component no longer referenced (transitively) are dropped, so the
 * vendored file stays small and still valid. Key order follows the upstream document.
 * Throws a SpecError naming each kept operation the upstream no longer has.
 */
export function keepOperations(upstream: OpenApiDocument, keep: readonly string[], source: string): OpenApiDocument {
  const wanted = keep.map((entry) => {
    const key = parseOperationKey(entry);
    if (!key) throw new SpecError(source, `"upstream.keep" entry ${JSON.stringify(entry)} is not "METHOD /path"`);
    return key;
  });
  const missing = wanted.filter(({ method, path }) => !isObject(upstream.paths?.[path]?.[method]));
  if (missing.length > 0) {
    const list = missing.map(({ method, path }) => operationKey(method, path)).join(", ");
    throw new SpecError(
      source,
      `upstream has no ${list}, which "upstream.keep" lists (removed or renamed upstream?); update provider.config.json`,
    );
  }

  const document = structuredClone(upstream);
  const paths: Record<string, PathItemObject> = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const methods = new Set(wanted.filter((key) => key.path === path).map((key) => key.method as string));
    if (methods.size === 0) continue;
    paths[path] = Object.fromEntries(
      Object.entries(item).filter(([key]) => !(HTTP_METHODS as readonly string[]).includes(key) || methods.has(key)),
    ) as PathItemObject;
  }
  document.paths = paths;
  delete document.webhooks;

  if (Array.isArray(document.tags)) {
    const usedTags = new Set(
      Object.values(paths).flatMap((item) =>
        HTTP_METHODS.flatMap((method) => (item[method] as OperationObject | undefined)?.tags ?? []),
      ),
    );
    const tags = (document.tags as { name?: string }[]).filter((tag) => tag.name && usedTags.has(tag.name));
    if (tags.length > 0) document.tags = tags;
    else delete document.tags;
  }
  pruneComponents(document);
  return document;
}
