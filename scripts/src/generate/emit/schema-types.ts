import { createConfig } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { type OpenApiDocument, resolvePointer } from "../../spec/openapi-types.js";

// generate validates the document (load-spec.ts; its rules include openapi-typescript's only one,
// unique operationIds) and uses nothing compiled from an invalid one, so openapi-typescript's own
// lint pass would walk it again for nothing.
const alreadyValidated = createConfig({ extends: [], rules: {} } as Parameters<typeof createConfig>[0]);

/**
 * `paths` / `components` / `operations` types, compiled by openapi-typescript (without the generated
 * header). Given the spec's JSON text, openapi-typescript parses that itself, which is cheaper on a
 * large spec than cloning the document (it modifies what it is given) and serializing the clone again.
 */
/**
 * A ref openapi-typescript can type is one to a whole component, or to one of its properties
 * (`…/Pet/properties/owner`). Deeper ones become indexed accesses that do not compile: into a
 * composition or JSON Schema's `definitions` (Azure's `…/allOf/0`, Codat's `…/definitions/x`), or
 * through an optional property (`…/properties/a/properties/b` indexes `A | undefined`).
 */
const TYPED_REF = /^#\/components\/[^/]+\/[^/]+(\/properties\/[^/]+)?$/;

/**
 * The document with every ref openapi-typescript cannot type pointed at a component of its own: what
 * it names is copied to `components/schemas/<its path>` (once, however often it is used), so it is typed
 * once by name instead of as an indexed access. Refs inside the copies are treated the same way.
 */
function withUntypedRefsHoisted(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  const components = copy.components ?? {};
  const schemas = (components.schemas ?? {}) as Record<string, unknown>;
  copy.components = { ...components, schemas: schemas as NonNullable<typeof components.schemas> };
  const hoisted = new Map<string, string>();
  const pending: unknown[] = [];
  const rewrite = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) rewrite(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === "string" && ref.startsWith("#/") && !TYPED_REF.test(ref)) {
      let target = hoisted.get(ref);
      const content = target === undefined ? resolvePointer(document, ref) : undefined;
      if (target === undefined && content !== undefined) {
        let name = decodeURIComponent(ref.slice(2))
          .replace(/^components\/schemas\//, "")
          .replace(/[^A-Za-z0-9]+/g, "_");
        while (name in schemas) name = `${name}_`;
        const hoistedContent = structuredClone(content);
        schemas[name] = hoistedContent;
        pending.push(hoistedContent);
        target = `#/components/schemas/${name}`;
        hoisted.set(ref, target);
      }
      if (target !== undefined) record.$ref = target;
    }
    for (const value of Object.values(record)) rewrite(value);
  };
  rewrite(copy);
  while (pending.length > 0) rewrite(pending.shift());
  return copy;
}

/** Whether any ref of the document is one openapi-typescript cannot type. */
function hasUntypedRefs(text: string): boolean {
  for (const match of text.matchAll(/"?\$ref"?\s*:\s*["']?(#\/[^"'\s,}]+)/g)) {
    if (!TYPED_REF.test(match[1] as string)) return true;
  }
  return false;
}

export async function compileSchemaTypes(
  document: OpenApiDocument,
  text: string,
  { readWriteMarkers }: { readWriteMarkers: boolean },
): Promise<string> {
  const untyped = hasUntypedRefs(text);
  const source = untyped ? withUntypedRefsHoisted(document) : text.startsWith("{") ? text : structuredClone(document);
  const nodes = await openapiTS(source as Parameters<typeof openapiTS>[0], {
    redocly: await alreadyValidated,
    // A property with a `default` that is not `required` stays optional: callers may leave it out
    // and the server fills it in (ModelsLab's `type`).
    defaultNonNullable: false,
    // `type: object` without properties allows any properties (JSON Schema); the default would type
    // it `Record<string, never>`, which no value but `{}` satisfies (Svix's message payload).
    emptyObjectsUnknown: true,
    // readOnly/writeOnly as $Read/$Write: openapi-fetch then leaves them out where they do not belong.
    readWriteMarkers,
    silent: true,
    // Files (`format: binary`) are Blobs at runtime: the client builds multipart bodies from them
    // and reads binary responses into them.
    transform(schema) {
      if (schema.format !== "binary") return undefined;
      const blob = ts.factory.createTypeReferenceNode("Blob");
      return "nullable" in schema && schema.nullable
        ? ts.factory.createUnionTypeNode([blob, ts.factory.createLiteralTypeNode(ts.factory.createNull())])
        : blob;
    },
  });
  return astToString(nodes);
}
