import { createConfig } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import type { OpenApiDocument } from "../lib/openapi-types.js";

// generate validates the document (load-spec.ts; its rules include openapi-typescript's only one,
// unique operationIds) and uses nothing compiled from an invalid one, so openapi-typescript's own
// lint pass would walk it again for nothing.
const alreadyValidated = createConfig({ extends: [], rules: {} } as Parameters<typeof createConfig>[0]);

/**
 * `paths` / `components` / `operations` types, compiled by openapi-typescript (without the generated
 * header). Given the spec's JSON text, openapi-typescript parses that itself, which is cheaper on a
 * large spec than cloning the document (it modifies what it is given) and serializing the clone again.
 */
export async function compileSchemaTypes(
  document: OpenApiDocument,
  text: string,
  { readWriteMarkers }: { readWriteMarkers: boolean },
): Promise<string> {
  const source = text.startsWith("{") ? text : structuredClone(document);
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
