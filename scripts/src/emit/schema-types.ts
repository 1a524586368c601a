import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import type { ProviderModel } from "../lib/provider-model.js";
import { generatedHeader } from "./header.js";

/** `paths` / `components` / `operations` types, compiled by openapi-typescript. */
export async function emitSchemaTypes(model: ProviderModel): Promise<string> {
  const nodes = await openapiTS(structuredClone(model.document) as Parameters<typeof openapiTS>[0], {
    // A property with a `default` that is not `required` stays optional: callers may leave it out
    // and the server fills it in (ModelsLab's `type`).
    defaultNonNullable: false,
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
  return `${generatedHeader(model)}${astToString(nodes)}`;
}
