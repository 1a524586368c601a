import { pascalCase } from "../lib/naming.js";
import type { OperationModel, ProviderModel } from "../lib/provider-model.js";
import { docComment, docCommentText, generatedHeader } from "./header.js";

function operationType(operation: OperationModel): string {
  return `paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method)}]`;
}

function inputType(operation: OperationModel, credentialField: string | undefined): string {
  const field = credentialField && operation.authenticated ? `, ${JSON.stringify(credentialField)}` : "";
  if (operation.inputShape === "grouped") return `GroupedInput<${operationType(operation)}${field}>`;
  switch (operation.bodyInput) {
    case "fields":
      return `FieldsInput<${operationType(operation)}${field}>`;
    case "property":
      return `PropertyInput<${operationType(operation)}${field}>`;
    default:
      return `ParametersInput<${operationType(operation)}>`;
  }
}

function resultType(operation: OperationModel): string {
  switch (operation.successParse) {
    case "text":
      return "string";
    case "blob":
      return "Blob";
    case "none":
      return "undefined";
    default:
      return `OperationResult<${operationType(operation)}>`;
  }
}

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
  lines.push("@returns The success response body.");
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
  const usedInputHelpers = new Set(
    model.operations.map((operation) => inputType(operation, credentialField).split("<")[0] as string),
  );

  const coreImports = [
    "type CallOptions",
    "type ClientOptions",
    "type RawClient",
    "createProviderClient",
    ...(model.operations.some((operation) => operation.successParse === "json") ? ["type OperationResult"] : []),
    ...[...usedInputHelpers].sort().map((helper) => `type ${helper}`),
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
  for (const operation of model.operations) {
    const typeName = pascalCase(operation.name);
    out.push(
      `/** Argument of \`${operation.name}()\`. */`,
      `export type ${typeName}Input = ${inputType(operation, credentialField)};`,
      `/** Success body of \`${operation.name}()\`. */`,
      `export type ${typeName}Result = ${resultType(operation)};`,
      "",
    );
  }
  out.push(`/** One method per operation in specs/${model.specFile}. */`, `export interface ${prefix}NamedMethods {`);
  model.operations.forEach((operation, index) => {
    const typeName = pascalCase(operation.name);
    const optional = operation.inputOptional ? "?" : "";
    if (index > 0) out.push("");
    out.push(methodDoc(operation, config.errorEnvelope !== undefined));
    out.push(
      `  ${operation.name}(input${optional}: ${typeName}Input, options?: CallOptions): Promise<${typeName}Result>;`,
    );
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
    `  return createProviderClient<${pathsType}, ${prefix}NamedMethods>(provider, options);`,
    "}",
    "",
  );
  return out.join("\n");
}
