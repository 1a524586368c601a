import { isDeepStrictEqual } from "node:util";
import { buildProviderModel, type OperationModel, type ProviderModel } from "../model/provider-model.js";
import type { CredentialPlacement } from "../shared/runtime-vocabulary.js";
import {
  isReference,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type RequestBodyObject,
  type ResponseObject,
  resolveLocal,
  type SecuritySchemeObject,
} from "../spec/openapi-types.js";
import type { ProviderConfig } from "../spec/provider-config.js";
import { type ApiChange, byBump } from "./api-change.js";
import { type Direction, diffSchemas, type SchemaChange } from "./schema-diff.js";

/**
 * The API changes between two versions of a provider's spec, each with the semver bump it means for
 * the generated package. Judged by the package's TypeScript API and runtime behaviour: operations
 * are its named methods (named exactly as the generator names them), `paths`/`operations`/
 * `components` are exported types, and the server URL and credential placement are what the client
 * does at runtime. Rules and judgement calls: scripts/spec-changeset-rules.md.
 */

interface Side {
  document: OpenApiDocument;
  model: ProviderModel;
}

/** Component sections openapi-typescript exports as `components[section][name]`. */
const COMPONENT_SECTIONS = ["schemas", "parameters", "requestBodies", "responses", "headers", "pathItems"] as const;
const PARAMETER_DOC_KEYS = ["description", "example", "examples"] as const;
const PARAMETER_SERIALIZATION_KEYS = ["style", "explode", "allowReserved", "allowEmptyValue", "content"] as const;

function buildModel(name: string, specFile: string, document: OpenApiDocument, config: ProviderConfig): Side {
  // Which operations are marked idempotent is the config's business, not the spec's: leave it out so
  // a renamed or removed operation does not fail the comparison.
  // Deprecated aliases name the operations after the change, so the spec before it may still use them.
  const { idempotentOperations: _ignored, deprecatedAliases: _aliases, ...rest } = config;
  return { document, model: buildProviderModel({ name, specFile, specSha256: "", document, config: rest }) };
}

function rawOperation(side: Side, operation: OperationModel): OperationObject {
  return side.document.paths?.[operation.path]?.[operation.method] as OperationObject;
}

function endpoint(operation: OperationModel): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/** A field the loose OpenAPI types do not declare (`examples`, `deprecated`, …). */
function field(object: object, key: string): unknown {
  return (object as Record<string, unknown>)[key];
}

function differs(a: unknown, b: unknown): boolean {
  return !isDeepStrictEqual(a, b);
}

function describeScheme(document: OpenApiDocument, name: string, scopes: string[]): string {
  const raw = document.components?.securitySchemes?.[name];
  if (!raw) return `undeclared scheme \`${name}\``;
  const scheme = resolveLocal<SecuritySchemeObject>(document, raw);
  const scopeText = scopes.length > 0 ? ` (scopes ${scopes.join(", ")})` : "";
  switch (scheme.type) {
    case "http":
      return `HTTP ${scheme.scheme ?? "auth"}`;
    case "apiKey":
      return `API key in ${scheme.in} \`${scheme.name}\``;
    case "oauth2":
      return `OAuth2${scopeText}`;
    case "openIdConnect":
      return `OpenID Connect${scopeText}`;
    default:
      return `${scheme.type}${scopeText}`;
  }
}

/** The effective security requirements of an operation, by what they mean (scheme names left out). */
function security(side: Side, operation: OperationModel): string[] {
  const requirements = rawOperation(side, operation).security ?? side.document.security ?? [];
  return requirements.map((requirement) => {
    const schemes = Object.entries(requirement).map(([name, scopes]) => describeScheme(side.document, name, scopes));
    return schemes.length === 0 ? "no credentials" : schemes.sort().join(" + ");
  });
}

function describeSecurity(requirements: string[]): string {
  return requirements.length === 0 ? "none" : requirements.join(" or ");
}

function describePlacement(placement: CredentialPlacement): string {
  return "name" in placement ? `${placement.in} \`${placement.name}\`` : placement.in;
}

function jsonContent(content: Record<string, MediaTypeObject> | undefined): Map<string, MediaTypeObject> {
  return new Map(Object.entries(content ?? {}));
}

function isSuccess(status: string): boolean {
  return /^2/.test(status);
}

class OperationDiff {
  readonly changes: ApiChange[] = [];
  private readonly docs: string[] = [];
  private readonly name: string;
  private readonly beforeOperation: OperationObject;
  private readonly afterOperation: OperationObject;

  constructor(
    private readonly before: Side,
    private readonly after: Side,
    private readonly beforeModel: OperationModel,
    private readonly afterModel: OperationModel,
    /** The provider config's deprecated aliases: a rename they keep is an addition. */
    private readonly aliases: NonNullable<ProviderConfig["deprecatedAliases"]> = {},
  ) {
    this.name = afterModel.name;
    this.beforeOperation = rawOperation(before, beforeModel);
    this.afterOperation = rawOperation(after, afterModel);
  }

  private add(bump: ApiChange["bump"], text: string): void {
    this.changes.push({ bump, text: `\`${this.name}\`: ${text}` });
  }

  private addSchemaChanges(changes: SchemaChange[]): void {
    for (const change of changes) {
      if (change.docsAt) this.docs.push(change.docsAt);
      else this.add(change.bump, change.text);
    }
  }

  private schemas(
    beforeSchema: unknown,
    afterSchema: unknown,
    direction: Direction,
    root: string,
    noun: string,
    injectedField?: string,
  ): void {
    this.addSchemaChanges(
      diffSchemas(
        { document: this.before.document, schema: beforeSchema },
        { document: this.after.document, schema: afterSchema },
        { direction, root, noun, injectedField },
      ),
    );
  }

  run(): ApiChange[] {
    const [before, after] = [this.beforeModel, this.afterModel];
    if (before.name !== after.name) {
      this.changes.push(
        this.aliases[before.name]?.operation === endpoint(after)
          ? {
              bump: "minor",
              text: `\`${before.name}\` renamed to \`${after.name}\`; \`${before.name}\` (and its \`Input\`/\`Result\` types) stays as a deprecated alias`,
            }
          : {
              bump: "major",
              text: `\`${before.name}\` renamed to \`${after.name}\` (and its \`Input\`/\`Result\` types)`,
            },
      );
    }
    if (endpoint(before) !== endpoint(after))
      this.add("major", `moved from \`${endpoint(before)}\` to \`${endpoint(after)}\``);
    this.operationId();
    if (!before.deprecated && after.deprecated) this.add("minor", "deprecated");
    if (before.deprecated && !after.deprecated) this.docs.push("no longer deprecated");
    for (const key of ["summary", "description", "tags", "externalDocs"] as const) {
      if (
        differs(this.beforeOperation[key as keyof OperationObject], this.afterOperation[key as keyof OperationObject])
      )
        this.docs.push(key);
    }
    const [beforeSecurity, afterSecurity] = [security(this.before, before), security(this.after, after)];
    if (differs([...beforeSecurity].sort(), [...afterSecurity].sort())) {
      this.add(
        "major",
        `authentication changed from ${describeSecurity(beforeSecurity)} to ${describeSecurity(afterSecurity)}`,
      );
    }
    const defaultMove =
      before.serverUrl === this.before.model.defaultBaseUrl && after.serverUrl === this.after.model.defaultBaseUrl;
    if (before.serverUrl !== after.serverUrl && !defaultMove) {
      this.add("major", `server changed from \`${before.serverUrl}\` to \`${after.serverUrl}\``);
    }
    this.inputAndResult();
    this.parameters();
    this.requestBody();
    this.responses();
    if (this.docs.length > 0) this.add("patch", `documentation changed (${[...new Set(this.docs)].join(", ")})`);
    return this.changes;
  }

  /** How the generator shapes the named method's argument and reads its result. */
  private inputAndResult(): void {
    for (const key of ["inputShape", "successParse"]) {
      const [before, after] = [field(this.beforeModel, key), field(this.afterModel, key)];
      if (before !== undefined && after !== undefined && before !== after) {
        const what = key === "inputShape" ? "argument shape" : "result parsing";
        this.add("major", `${what} changed from \`${String(before)}\` to \`${String(after)}\``);
      }
    }
  }

  private operationId(): void {
    const [before, after] = [this.beforeModel.operationId, this.afterModel.operationId];
    if (before === after) return;
    // openapi-typescript keys the exported `operations` type by operationId.
    // A deprecated alias that keeps the old operationId keeps `operations["<old>"]` (emit/entry-point.ts).
    const kept = Object.values(this.aliases).some(
      (alias) => alias.operation === endpoint(this.afterModel) && alias.operationId === before,
    );
    if (after === undefined && !kept)
      this.add("major", `type \`operations["${before}"]\` removed (operationId dropped)`);
    else if (before === undefined) this.add("minor", `new type \`operations["${after}"]\` (operationId added)`);
    else if (kept)
      this.add(
        "minor",
        after === undefined
          ? `operationId dropped; \`operations["${before}"]\` stays as a deprecated alias`
          : `new type \`operations["${after}"]\` (operationId changed); \`operations["${before}"]\` stays as a deprecated alias`,
      );
    else
      this.add("major", `type \`operations["${before}"]\` renamed to \`operations["${after}"]\` (operationId changed)`);
  }

  private parameters(): void {
    const key = (parameter: ParameterObject) => `${parameter.in}:${parameter.name}`;
    const before = new Map(this.beforeModel.parameters.map((parameter) => [key(parameter), parameter]));
    const after = new Map(this.afterModel.parameters.map((parameter) => [key(parameter), parameter]));
    const moved = new Set<string>();
    for (const [id, parameter] of before) {
      if (after.has(id)) continue;
      const elsewhere = [...after.values()].find(
        (candidate) => candidate.name === parameter.name && !before.has(key(candidate)),
      );
      if (elsewhere) {
        moved.add(key(elsewhere));
        this.add("major", `${parameter.in} parameter \`${parameter.name}\` moved to ${elsewhere.in}`);
      } else {
        this.add("major", `removed ${parameter.in} parameter \`${parameter.name}\``);
      }
    }
    for (const [id, parameter] of after) {
      const previous = before.get(id);
      const label = `${parameter.in} parameter \`${parameter.name}\``;
      const required = parameter.required === true || parameter.in === "path";
      if (!previous) {
        if (moved.has(id)) continue;
        if (required) this.add("major", `new required ${label}`);
        else this.add("minor", `new optional ${label}`);
        continue;
      }
      const wasRequired = previous.required === true || previous.in === "path";
      if (!wasRequired && required) this.add("major", `${label} is now required`);
      if (wasRequired && !required) this.add("minor", `${label} is now optional`);
      if (!field(previous, "deprecated") && field(parameter, "deprecated")) this.add("minor", `${label} is deprecated`);
      if (PARAMETER_DOC_KEYS.some((docKey) => differs(field(previous, docKey), field(parameter, docKey)))) {
        this.docs.push(label);
      }
      // How the value is written into the URL or header: the same call sends something else.
      const serialization = PARAMETER_SERIALIZATION_KEYS.filter((serializationKey) =>
        differs(field(previous, serializationKey), field(parameter, serializationKey)),
      );
      if (serialization.length > 0) this.add("major", `${label} serialization changed (${serialization.join(", ")})`);
      this.schemas(previous.schema, parameter.schema, "request", label, `${label} field`);
    }
  }

  private requestBody(): void {
    const resolve = (side: Side, operation: OperationObject) =>
      operation.requestBody ? resolveLocal<RequestBodyObject>(side.document, operation.requestBody) : undefined;
    const before = resolve(this.before, this.beforeOperation);
    const after = resolve(this.after, this.afterOperation);
    if (!before && !after) return;
    if (!after) {
      this.add("major", "request body removed");
      return;
    }
    if (!before) {
      if (after.required) this.add("major", "new required request body");
      else this.add("minor", "new optional request body");
      return;
    }
    if (!before.required && after.required) this.add("major", "request body is now required");
    if (before.required && !after.required) this.add("minor", "request body is now optional");
    const [beforeInput, afterInput] = [this.beforeModel.bodyInput, this.afterModel.bodyInput];
    if (beforeInput !== afterInput) {
      this.add(
        "major",
        afterInput === "property"
          ? "the request body is now passed as `body` (a body field clashes with a parameter name or the body is not a plain object)"
          : "the request body's fields are now passed next to the parameters (no longer as `body`)",
      );
    }
    if (differs(field(before, "description"), field(after, "description"))) {
      this.docs.push("request body");
    }
    const injected = this.after.model.placement.in === "body" ? this.after.model.placement.name : undefined;
    const beforeContent = jsonContent(before.content);
    const afterContent = jsonContent(after.content);
    const several = beforeContent.size > 1 || afterContent.size > 1;
    for (const [mediaType, media] of afterContent) {
      const previous = beforeContent.get(mediaType);
      const root = several ? `request body (${mediaType})` : "request body";
      if (!previous) this.add("minor", `request body now also accepts \`${mediaType}\``);
      else {
        if (differs(previous.example, media.example) || differs(field(previous, "examples"), field(media, "examples")))
          this.docs.push(root);
        this.schemas(previous.schema, media.schema, "request", root, "body field", injected);
      }
    }
    for (const mediaType of beforeContent.keys()) {
      if (!afterContent.has(mediaType)) this.add("major", `request body no longer accepts \`${mediaType}\``);
    }
  }

  private responses(): void {
    const resolve = (side: Side, operation: OperationObject) =>
      new Map(
        Object.entries(operation.responses ?? {}).map(([status, response]) => [
          status,
          resolveLocal<ResponseObject>(side.document, response),
        ]),
      );
    const before = resolve(this.before, this.beforeOperation);
    const after = resolve(this.after, this.afterOperation);
    for (const status of before.keys()) {
      if (!after.has(status)) this.add("major", `response \`${status}\` removed`);
    }
    for (const [status, response] of after) {
      const previous = before.get(status);
      if (!previous) {
        // A new success status widens what the method resolves to; a new error status only adds a
        // documented failure (the named method throws for it either way).
        if (isSuccess(status)) this.add("major", `new success response \`${status}\` (the result type widens)`);
        else this.add("minor", `new ${status === "default" ? "default" : "error"} response \`${status}\``);
        continue;
      }
      if (differs(previous.description, response.description)) this.docs.push(`response \`${status}\``);
      if (differs(field(previous, "headers"), field(response, "headers")))
        this.add("patch", `response \`${status}\` headers changed`);
      const beforeContent = jsonContent(previous.content);
      const afterContent = jsonContent(response.content);
      if (beforeContent.size > 0 && afterContent.size === 0) {
        this.add("major", `response \`${status}\` no longer has a body`);
        continue;
      }
      if (beforeContent.size === 0 && afterContent.size > 0) {
        this.add("minor", `response \`${status}\` now has a documented body`);
        continue;
      }
      const several = beforeContent.size > 1 || afterContent.size > 1;
      for (const [mediaType, media] of afterContent) {
        const old = beforeContent.get(mediaType);
        const root = `\`${status}\` response body${several ? ` (${mediaType})` : ""}`;
        if (!old) this.add("minor", `response \`${status}\` can now be \`${mediaType}\``);
        else {
          if (differs(old.example, media.example) || differs(field(old, "examples"), field(media, "examples")))
            this.docs.push(root);
          this.schemas(old.schema, media.schema, "response", root, `\`${status}\` response field`);
        }
      }
      for (const mediaType of beforeContent.keys()) {
        if (!afterContent.has(mediaType)) this.add("major", `response \`${status}\` is no longer \`${mediaType}\``);
      }
    }
  }
}

/** Every local `$ref` reachable from the operations. */
function referencedFromPaths(document: OpenApiDocument): Set<string> {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    if (isReference(node) && node.$ref.startsWith("#/")) {
      if (seen.has(node.$ref)) return;
      seen.add(node.$ref);
      try {
        visit(resolveLocal(document, node));
      } catch {
        // a dangling $ref: the generator reports it; nothing to follow here
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(document.paths);
  return seen;
}

function componentChanges(before: OpenApiDocument, after: OpenApiDocument): ApiChange[] {
  const changes: ApiChange[] = [];
  const used = new Set([...referencedFromPaths(before), ...referencedFromPaths(after)]);
  for (const section of COMPONENT_SECTIONS) {
    const beforeItems = (before.components?.[section] ?? {}) as Record<string, unknown>;
    const afterItems = (after.components?.[section] ?? {}) as Record<string, unknown>;
    const type = (name: string) => `\`components["${section}"]["${name}"]\``;
    for (const name of Object.keys(beforeItems)) {
      if (!(name in afterItems)) changes.push({ bump: "major", text: `Removed type ${type(name)}` });
    }
    for (const name of Object.keys(afterItems)) {
      if (!(name in beforeItems)) {
        changes.push({ bump: "minor", text: `New type ${type(name)}` });
        continue;
      }
      // Schemas used by an operation are compared there, as request or response; one no operation
      // uses is still an exported type, judged both ways.
      if (section !== "schemas" || used.has(`#/components/schemas/${name}`)) continue;
      const label = `type ${type(name)}`;
      for (const change of diffSchemas(
        { document: before, schema: beforeItems[name] },
        { document: after, schema: afterItems[name] },
        { direction: "both", root: label, noun: `${label} field` },
      )) {
        changes.push({ bump: change.bump, text: change.text.charAt(0).toUpperCase() + change.text.slice(1) });
      }
    }
  }
  return changes;
}

export interface SpecDiffInput {
  /** Provider name, e.g. `primeintellect`. */
  name: string;
  specFile: string;
  before: OpenApiDocument;
  after: OpenApiDocument;
  config: ProviderConfig;
}

/** The API changes from one spec version to the next, major first. Empty when the API is the same. */
export function diffSpecs({ name, specFile, before, after, config }: SpecDiffInput): ApiChange[] {
  const old = buildModel(name, specFile, before, config);
  const now = buildModel(name, specFile, after, config);
  const changes: ApiChange[] = [];

  if (old.model.defaultBaseUrl !== now.model.defaultBaseUrl) {
    changes.push({
      bump: "major",
      text: `Default server changed from \`${old.model.defaultBaseUrl}\` to \`${now.model.defaultBaseUrl}\``,
    });
  }
  if (differs(old.model.placement, now.model.placement)) {
    changes.push({
      bump: "major",
      text: `The API key is now sent as ${describePlacement(now.model.placement)} (was ${describePlacement(old.model.placement)})`,
    });
  }

  // Pair operations by method and path, then the rest by method name (a moved operation keeps it).
  const pairs: [OperationModel, OperationModel][] = [];
  const unpairedAfter = new Set(now.model.operations);
  const unpairedBefore: OperationModel[] = [];
  for (const operation of old.model.operations) {
    const match = [...unpairedAfter].find((candidate) => endpoint(candidate) === endpoint(operation));
    if (match) {
      pairs.push([operation, match]);
      unpairedAfter.delete(match);
    } else unpairedBefore.push(operation);
  }
  for (const operation of [...unpairedBefore]) {
    const match = [...unpairedAfter].find((candidate) => candidate.name === operation.name);
    if (match) {
      pairs.push([operation, match]);
      unpairedAfter.delete(match);
      unpairedBefore.splice(unpairedBefore.indexOf(operation), 1);
    }
  }

  for (const operation of unpairedBefore) {
    changes.push({ bump: "major", text: `Removed operation \`${endpoint(operation)}\` (\`${operation.name}\`)` });
  }
  for (const operation of now.model.operations) {
    if (unpairedAfter.has(operation)) {
      changes.push({ bump: "minor", text: `New operation \`${endpoint(operation)}\` (\`${operation.name}\`)` });
    }
  }
  for (const [beforeOperation, afterOperation] of pairs) {
    changes.push(...new OperationDiff(old, now, beforeOperation, afterOperation, config.deprecatedAliases).run());
  }
  changes.push(...componentChanges(before, after));
  const infoKeys = Object.keys({ ...before.info, ...after.info }).filter(
    (key) =>
      key !== "version" &&
      differs((before.info as Record<string, unknown>)[key], (after.info as Record<string, unknown>)[key]),
  );
  if (infoKeys.length > 0)
    changes.push({ bump: "patch", text: `API documentation changed (info: ${infoKeys.join(", ")})` });
  return byBump(changes);
}
