import { pascalCase } from "../lib/naming.js";
import type { OperationModel, ProviderModel } from "../lib/provider-model.js";
import { docComment, docCommentText, generatedHeader } from "./header.js";
import {
  coreTypeHelpers,
  eventTypeExpression,
  inputTypeExpression,
  itemTypeExpression,
  resultTypeExpression,
} from "./named-method-types.js";

function methodDoc(operation: OperationModel, hasErrorEnvelope: boolean): string {
  const lines: string[] = [];
  if (operation.summary) lines.push(docCommentText(operation.summary));
  if (operation.description && operation.description.trim() !== operation.summary?.trim()) {
    if (lines.length > 0) lines.push("");
    lines.push(docCommentText(operation.description));
  }
  if (lines.length > 0) lines.push("");
  lines.push(`\`${operation.method.toUpperCase()} ${operation.path}\``);
  lines.push("");
  if (operation.successParse === "event-stream") {
    lines.push("@returns The server-sent events, as they arrive: `for await (const event of …)`.");
  } else if (operation.pagination) {
    lines.push(
      "@returns The first page's body; iterate it (`for await (const item of …)`) for every item of every page, or call `.pages()`.",
    );
  } else {
    lines.push("@returns The success response body (`.withResponse()` adds the Response and request id).");
  }
  lines.push(
    `@throws {ApiError} A subclass per status (documented: ${operation.responseCodes.filter((code) => !code.startsWith("2")).join(", ") || "none"})${hasErrorEnvelope ? ", also for an error body sent with 2xx" : ""}.`,
  );
  if (operation.deprecated) lines.push("@deprecated Marked deprecated in the spec.");
  return docComment(lines, "  ");
}

/** Named-method types and the `create<Provider>Client` factory. */
export function emitClient(model: ProviderModel): string {
  const { config } = model;
  const prefix = pascalCase(model.config.displayName);
  const credentialField = model.placement.in === "body" ? model.placement.name : undefined;
  const pathsType = credentialField ? `${prefix}Paths` : "paths";
  const aliases = model.operations.map((operation) => ({
    operation,
    typeName: pascalCase(operation.name),
    input: inputTypeExpression(operation, credentialField),
    result: resultTypeExpression(operation),
  }));
  const streams = model.operations.some((operation) => operation.successParse === "event-stream");
  const pages = model.operations.some((operation) => operation.pagination !== undefined);
  // Only what this provider uses, so bundles of the others do not carry the event parser or the pager.
  const features = [...(streams ? ["eventStream"] : []), ...(pages ? ["paginate"] : [])];

  const coreImports = [
    "type ApiPromise",
    "type CallOptions",
    "type ClientOptions",
    "type RawClient",
    "createProviderClient",
    ...(streams ? ["type EventStreamPromise"] : []),
    ...(pages ? ["type PagePromise"] : []),
    ...features,
    ...coreTypeHelpers(aliases.flatMap((alias) => [alias.input, alias.result])).map((helper) => `type ${helper}`),
    ...(credentialField ? ["type PathsWithOptionalBodyField"] : []),
  ];

  const out: string[] = [
    generatedHeader(model),
    `import { ${coreImports.join(", ")} } from "@specsdk/core";`,
    'import { provider } from "./provider.js";',
    'import type { paths } from "./schema.js";',
    "",
  ];
  if (credentialField) {
    out.push(
      `/** The spec's \`paths\` as the raw client accepts them: \`${credentialField}\` is filled in from \`apiKey\`. */`,
      `export type ${pathsType} = PathsWithOptionalBodyField<paths, ${JSON.stringify(credentialField)}>;`,
      "",
    );
  }
  for (const { operation, typeName, input, result } of aliases) {
    out.push(`/** Argument of \`${operation.name}()\`. */`, `export type ${typeName}Input = ${input};`);
    if (operation.successParse === "event-stream") {
      out.push(
        `/** The \`data\` of one event from \`${operation.name}()\`. */`,
        `export type ${typeName}Event = ${eventTypeExpression(operation)};`,
      );
    }
    out.push(`/** Success body of \`${operation.name}()\`. */`, `export type ${typeName}Result = ${result};`);
    if (operation.pagination) {
      out.push(
        `/** One item of a \`${operation.name}()\` page. */`,
        `export type ${typeName}Item = ${itemTypeExpression(`${typeName}Result`, operation.pagination.items)};`,
      );
    }
    out.push("");
  }
  out.push(`/** One method per operation in specs/${model.specFile}. */`, `export interface ${prefix}NamedMethods {`);
  aliases.forEach(({ operation, typeName }, index) => {
    const optional = operation.inputOptional ? "?" : "";
    if (index > 0) out.push("");
    out.push(methodDoc(operation, config.errorEnvelope !== undefined));
    const returns =
      operation.successParse === "event-stream"
        ? `EventStreamPromise<${typeName}Event>`
        : operation.pagination
          ? `PagePromise<${typeName}Result, ${typeName}Item>`
          : `ApiPromise<${typeName}Result>`;
    out.push(`  ${operation.name}(input${optional}: ${typeName}Input, options?: CallOptions): ${returns};`);
  });
  out.push("}", "");
  out.push(
    `/** An openapi-fetch client (\`GET\`/\`POST\`/…, \`use()\`) plus the named methods. */`,
    `export type ${prefix}Client = RawClient<${pathsType}> & ${prefix}NamedMethods;`,
    "",
    docComment([
      `Creates a ${config.displayName} client.`,
      "",
      `The API key comes from \`options.apiKey\` or the \`${config.auth.envVar}\` environment variable;`,
      "a missing key throws here, not on the first request.",
      `Default server: ${model.defaultBaseUrl}`,
    ]),
    `export function ${config.clientFactory}(options?: ClientOptions): ${prefix}Client {`,
    `  return createProviderClient<${pathsType}, ${prefix}NamedMethods>(provider, options${features.length > 0 ? `, { ${features.join(", ")} }` : ""});`,
    "}",
    "",
  );
  return out.join("\n");
}
