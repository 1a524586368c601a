import { isReference, type OpenApiDocument, resolvePointer } from "../spec/openapi-types.js";

export interface Discriminator {
  propertyName: string;
  mapping?: Record<string, string>;
}

/** What the generated types require of an object's discriminator property: present, and one of `values`. */
export interface DiscriminatorLiteral {
  propertyName: string;
  values: string[];
}

/** A node's `discriminator`, when it names a property. */
export function discriminatorOf(node: unknown): Discriminator | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  const discriminator = (node as { discriminator?: Partial<Discriminator> }).discriminator;
  return typeof discriminator?.propertyName === "string" ? (discriminator as Discriminator) : undefined;
}

/** The last segment of a `#/…` ref, decoded (a schema's name). */
export function refName(ref: string): string {
  const segment = ref.slice(ref.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~");
  } catch {
    return segment; // a malformed %-escape: as written
  }
}

function pointerOf(path: readonly string[]): string {
  return `#${path.map((key) => `/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("")}`;
}

/** Every object node of the document, depth first in key order, with a way to get its `#/…` pointer. */
function eachNode(
  node: unknown,
  visit: (node: Record<string, unknown>, pointer: () => string) => void,
  path: string[] = [],
): void {
  if (typeof node !== "object" || node === null) return;
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      path.push(String(index));
      eachNode(item, visit, path);
      path.pop();
    });
    return;
  }
  const record = node as Record<string, unknown>;
  visit(record, () => pointerOf(path));
  for (const [key, value] of Object.entries(record)) {
    if (typeof value !== "object" || value === null) continue;
    path.push(key);
    eachNode(value, visit, path);
    path.pop();
  }
}

/** The schema a ref names, following refs; undefined when it names nothing. */
function schemaAt(document: OpenApiDocument, ref: string): Record<string, unknown> | undefined {
  let node: unknown = resolvePointer(document, ref);
  const seen = new Set<string>();
  while (isReference(node) && !seen.has(node.$ref)) {
    seen.add(node.$ref);
    node = resolvePointer(document, node.$ref);
  }
  return typeof node === "object" && node !== null ? (node as Record<string, unknown>) : undefined;
}

const found = new WeakMap<object, Map<object, DiscriminatorLiteral>>();

/**
 * The schema objects of a document whose discriminator property openapi-typescript 7 types as string
 * literals, which a request example must then carry:
 * - every `$ref` variant of a `oneOf` with a discriminator, and every target of its mapping (an object
 *   or `allOf` schema): the mapping keys that point at it, else its name; the first such `oneOf` wins;
 * - a schema whose `allOf` refers to a discriminated schema (in document order, so a grandchild after
 *   its parent inherits too): the mapping keys that point at it, else the key whose target has its
 *   name, else its name.
 * This follows what openapi-typescript 7.13 does (scanDiscriminators, and the property it writes
 * into an inheriting schema's type), so examples built to it type-check and examples that break it
 * are found and cast; generator-fixtures.test.ts compiles such examples against its output.
 */
export function discriminatorLiterals(document: OpenApiDocument): Map<object, DiscriminatorLiteral> {
  const known = found.get(document);
  if (known) return known;
  const literals = new Map<object, DiscriminatorLiteral>();
  // By pointer: refs name schemas by pointer, and inheritance is looked up through refs.
  const discriminated = new Map<string, Discriminator>();
  const narrowable = (schema: Record<string, unknown> | undefined): schema is Record<string, unknown> =>
    schema !== undefined && (Array.isArray(schema.allOf) || schema.type === "object");

  eachNode(document, (node, pointer) => {
    const discriminator = discriminatorOf(node);
    if (!discriminator) return;
    discriminated.set(pointer(), discriminator);
    if (!Array.isArray(node.oneOf)) return;
    const byTarget = new Map<string, { inferred?: string; defined?: string[] }>();
    for (const variant of node.oneOf as unknown[]) {
      if (isReference(variant)) byTarget.set(variant.$ref, { inferred: variant.$ref.split("/").pop() });
    }
    for (const [key, target] of Object.entries(discriminator.mapping ?? {})) {
      if (typeof target !== "string" || target === "") continue;
      const entry = byTarget.get(target);
      if (entry?.defined) entry.defined.push(key);
      else byTarget.set(target, { defined: [key] });
    }
    for (const [target, { inferred, defined }] of byTarget) {
      const values = defined ?? (inferred ? [inferred] : []);
      const schema = schemaAt(document, target);
      if (values.length === 0 || !narrowable(schema) || literals.has(schema)) continue;
      literals.set(schema, { propertyName: discriminator.propertyName, values });
    }
  });

  const inheriting = new Map<string, Record<string, unknown>>();
  eachNode(document, (node, pointer) => {
    if (!Array.isArray(node.allOf)) return;
    for (const part of node.allOf as unknown[]) {
      if (isReference(part)) {
        const inherited = discriminated.get(part.$ref);
        if (!inherited) return; // openapi-typescript looks no further than such a part
        const self = pointer();
        const keys = Object.entries(inherited.mapping ?? {})
          .filter(([, target]) => target === self)
          .map(([key]) => key);
        if (keys.length > 0 && !literals.has(node) && narrowable(node)) {
          literals.set(node, { propertyName: inherited.propertyName, values: keys });
        }
        discriminated.set(self, { ...inherited });
        inheriting.set(self, node);
      } else {
        const own = discriminatorOf(part);
        if (own) {
          discriminated.set(pointer(), { ...own });
          inheriting.set(pointer(), node);
        }
      }
    }
  });
  // What is left of the inheriting schemas gets the property when its type is written: named after it.
  for (const [self, schema] of inheriting) {
    const discriminator = discriminated.get(self);
    if (!discriminator || literals.has(schema) || discriminatorOf(schema)) continue;
    const name = refName(self);
    const key = Object.entries(discriminator.mapping ?? {}).find(([, target]) =>
      target.startsWith("#") ? refName(target) === name : target === name,
    )?.[0];
    literals.set(schema, { propertyName: discriminator.propertyName, values: [key ?? name] });
  }
  found.set(document, literals);
  return literals;
}
