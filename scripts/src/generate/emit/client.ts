import type { DeprecatedAlias } from "../../model/deprecated-aliases.js";
import { pascalCase } from "../../model/naming.js";
import type { OperationModel, ProviderModel } from "../../model/provider-model.js";
import { isJsonMediaType } from "../../shared/runtime-vocabulary.js";
import { type Code, docComment, identifier, join, literal, ts } from "./code.js";
import { generatedHeader } from "./header.js";
import {
  coreTypeHelpers,
  eventTypeExpression,
  inputTypeExpression,
  itemTypeExpression,
  resultTypeExpression,
  schemaTypeHelpers,
} from "./named-method-types.js";
import { queryDeepObjects } from "./provider-metadata.js";

function methodDoc(operation: OperationModel, hasErrorEnvelope: boolean): Code {
  const lines: string[] = [];
  if (operation.summary) lines.push(operation.summary.trim());
  if (operation.description && operation.description.trim() !== operation.summary?.trim()) {
    if (lines.length > 0) lines.push("");
    lines.push(operation.description.trim());
  }
  if (lines.length > 0) lines.push("");
  lines.push(`\`${operation.method.toUpperCase()} ${operation.path}\``, "");
  if (operation.successParse === "event-stream") {
    lines.push("@returns The server-sent events, as they arrive: `for await (const event of …)`.");
  } else if (operation.pagination) {
    lines.push(
      "@returns The first page's body; iterate it (`for await (const item of …)`) for every item of every page, or call `.pages()`.",
    );
  } else {
    lines.push("@returns The success response body (`.withResponse()` adds the Response and request id).");
  }
  const documented = operation.responseCodes.filter((code) => !code.startsWith("2")).join(", ") || "none";
  const envelope = hasErrorEnvelope ? ", also for an error body sent with 2xx" : "";
  lines.push(`@throws {ApiError} A subclass per status (documented: ${documented})${envelope}.`);
  if (operation.deprecated) lines.push("@deprecated Marked deprecated in the spec.");
  return docComment(lines, "  ");
}

/** `OldNameInput` = `NewNameInput` and the rest of the renamed operation's types, deprecated. */
function deprecatedTypeAliases(alias: DeprecatedAlias<OperationModel>): Code[] {
  const { operation } = alias;
  const suffixes = [
    "Input",
    ...(operation.successParse === "event-stream" ? ["Event"] : []),
    "Result",
    ...(operation.pagination ? ["Item"] : []),
  ];
  return suffixes.map((suffix) => {
    const now = `${pascalCase(operation.name)}${suffix}`;
    return ts`${docComment([`@deprecated Use ${now} (\`${alias.name}()\` is now \`${operation.name}()\`).`])}
export type ${identifier(`${pascalCase(alias.name)}${suffix}`)} = ${identifier(now)};`;
  });
}

/** Named-method types and the `create<Provider>Client` factory. */
export function emitClient(model: ProviderModel): Code {
  const { config } = model;
  const prefix = pascalCase(config.displayName);
  const credentialField = model.placement.in === "body" ? model.placement.name : undefined;
  const paths = identifier(credentialField ? `${prefix}Paths` : "paths");
  const namedMethods = identifier(`${prefix}NamedMethods`);
  const clientType = identifier(`${prefix}Client`);
  const aliases = model.operations.map((operation) => ({
    operation,
    name: identifier(operation.name),
    typeName: pascalCase(operation.name),
    input: inputTypeExpression(operation, model.placement),
    result: resultTypeExpression(operation),
  }));
  const type = (typeName: string, suffix: string) => identifier(`${typeName}${suffix}`);
  const streams = model.operations.some((operation) => operation.successParse === "event-stream");
  const pages = model.operations.some((operation) => operation.pagination !== undefined);
  const encodes = model.operations.some(
    ({ bodyMediaType }) => bodyMediaType !== undefined && !isJsonMediaType(bodyMediaType),
  );
  const deepQueries = model.operations.some((operation) => queryDeepObjects(operation) !== undefined);
  // Only what this provider uses, so bundles of the others do not carry the event parser, the pager, the form encoder or the deepObject query serializer.
  const features = [
    ...(streams ? ["eventStream"] : []),
    ...(pages ? ["paginate"] : []),
    ...(encodes ? ["encodeBody"] : []),
    ...(deepQueries ? ["deepObjectQuery"] : []),
  ];
  const featureArgument = features.length > 0 ? ts`, { ${join(features.map(identifier), ts`, `)} }` : ts``;

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
  ].map((name) => (name.startsWith("type ") ? ts`type ${identifier(name.slice(5))}` : identifier(name)));

  const out: Code[] = [
    generatedHeader(model),
    ts`import { ${join(coreImports, ts`, `)} } from "@specsdk/core";
import { provider } from "./provider.js";
import type { ${join(["paths", ...schemaTypeHelpers(aliases.flatMap((alias) => [alias.input, alias.result]))].map(identifier), ts`, `)} } from "./schema.js";
`,
  ];
  if (credentialField) {
    out.push(
      ts`${docComment([`The spec's \`paths\` as the raw client accepts them: \`${credentialField}\` is filled in from \`apiKey\`.`])}
export type ${paths} = PathsWithOptionalBodyField<paths, ${literal(credentialField)}>;
`,
    );
  }
  for (const { operation, typeName, input, result } of aliases) {
    const lines = [
      ts`${docComment([`Argument of \`${operation.name}()\`.`])}
export type ${type(typeName, "Input")} = ${input};`,
    ];
    if (operation.successParse === "event-stream") {
      lines.push(ts`${docComment([`The \`data\` of one event from \`${operation.name}()\`.`])}
export type ${type(typeName, "Event")} = ${eventTypeExpression(operation)};`);
    }
    lines.push(ts`${docComment([`Success body of \`${operation.name}()\`.`])}
export type ${type(typeName, "Result")} = ${result};`);
    if (operation.pagination) {
      lines.push(ts`${docComment([`One item of a \`${operation.name}()\` page.`])}
export type ${type(typeName, "Item")} = ${itemTypeExpression(type(typeName, "Result"), operation.pagination.items)};`);
    }
    out.push(ts`${join(lines, ts`\n`)}
`);
  }
  const signature = (operation: OperationModel, typeName: string) => {
    const optional = operation.inputOptional ? ts`?` : ts``;
    const returns =
      operation.successParse === "event-stream"
        ? ts`EventStreamPromise<${type(typeName, "Event")}>`
        : operation.pagination
          ? ts`PagePromise<${type(typeName, "Result")}, ${type(typeName, "Item")}>`
          : ts`ApiPromise<${type(typeName, "Result")}>`;
    return ts`(input${optional}: ${type(typeName, "Input")}, options?: CallOptions): ${returns}`;
  };
  const methods = aliases.map(
    ({ operation, name, typeName }) => ts`${methodDoc(operation, config.errorEnvelope !== undefined)}
  ${name}${signature(operation, typeName)};`,
  );
  // The old names of renamed operations: the new method's signature, under a deprecation.
  for (const alias of model.deprecatedAliases) {
    const { operation } = alias;
    methods.push(ts`${docComment(
      [
        `The old name of \`${operation.name}()\` (\`${operation.method.toUpperCase()} ${operation.path}\`): the same method.`,
        "",
        `@deprecated Use ${operation.name}()`,
      ],
      "  ",
    )}
  ${identifier(alias.name)}${signature(operation, pascalCase(operation.name))};`);
    out.push(ts`${join(deprecatedTypeAliases(alias), ts`\n`)}
`);
  }
  // Only when there are aliases: a client without them keeps the one-line factory.
  const create = ts`createProviderClient<${paths}, ${namedMethods}>(provider, options${featureArgument})`;
  const factoryBody =
    model.deprecatedAliases.length === 0
      ? ts`  return ${create};`
      : ts`  const client = ${create};
  // Deprecated aliases (provider.config.json): the same functions under their old names.
${join(
  model.deprecatedAliases.map(
    (alias) => ts`  client.${identifier(alias.name)} = client.${identifier(alias.operation.name)};`,
  ),
  ts`\n`,
)}
  return client;`;
  out.push(
    ts`${docComment([`One method per operation in specs/${model.specFile}.`])}
export interface ${namedMethods} {
${join(methods, ts`\n\n`)}
}

${docComment(["An openapi-fetch client (`GET`/`POST`/…, `use()`) plus the named methods."])}
export type ${clientType} = RawClient<${paths}> & ${namedMethods};

${docComment([
  `Creates a ${config.displayName} client.`,
  "",
  ...(model.placement.in === "none"
    ? ["The API takes no key."]
    : [
        `The API key comes from \`options.apiKey\` or the \`${config.auth.envVar}\` environment variable;`,
        "a missing key throws here, not on the first request.",
      ]),
  `Default server: ${model.defaultBaseUrl}`,
])}
export function ${identifier(config.clientFactory)}(options?: ClientOptions): ${clientType} {
${factoryBody}
}
`,
  );
  return join(out, ts`\n`);
}
