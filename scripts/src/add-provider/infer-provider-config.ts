import { pascalCase } from "../model/naming.js";
import { SpecError } from "../shared/spec-error.js";
import {
  HTTP_METHODS,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  resolveLocal,
  type SecuritySchemeObject,
} from "../spec/openapi-types.js";
import type { ProviderConfig } from "../spec/provider-config.js";

/** Where the key goes, as `providers:add --auth` takes it: `bearer`, `basic`, `none`, or `<in>:<name>`. */
export type AuthFlag = string;

/** What providers:add inferred, with the reason for each choice and what the maintainer should check. */
export interface InferredConfig {
  config: ProviderConfig;
  /** One line per choice: what was decided and from what. */
  inferred: string[];
  /** One line per thing a maintainer should look at before publishing. */
  review: string[];
}

type Auth = ProviderConfig["auth"];

/** Parses `--auth`; undefined when it is not one of the accepted forms. */
export function parseAuthFlag(flag: AuthFlag): Omit<Auth, "envVar"> | undefined {
  if (flag === "bearer" || flag === "basic" || flag === "none") return { in: flag };
  const match = /^(header|query|cookie|body):(.+)$/.exec(flag);
  return match ? { in: match[1] as "header" | "query" | "cookie" | "body", name: match[2] as string } : undefined;
}

/** A header or cookie name HTTP can send (RFC 9110 `token`). */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parameter names APIs use for a key when they declare it as a parameter instead of a security scheme. */
const KEY_PARAMETER = /^(x-)?(api[-_]?key|apikey|key|token|access[-_]?token|auth[-_]?token|app[-_]?key)$/i;

function operationsOf(document: OpenApiDocument): { operation: OperationObject; shared: unknown[] }[] {
  return Object.values(document.paths ?? {}).flatMap((item) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method] as OperationObject | undefined;
      return operation ? [{ operation, shared: item.parameters ?? [] }] : [];
    }),
  );
}

/** The credential placement the spec declares: the security scheme most operations use, else a key parameter on most operations. */
function authFromSpec(document: OpenApiDocument): { auth: Omit<Auth, "envVar">; why: string; scheme?: string } {
  const operations = operationsOf(document);
  const uses = new Map<string, number>();
  for (const { operation } of operations) {
    for (const requirement of operation.security ?? document.security ?? []) {
      for (const name of Object.keys(requirement)) uses.set(name, (uses.get(name) ?? 0) + 1);
    }
  }
  const [schemeName] = [...uses.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  const declared = schemeName ? document.components?.securitySchemes?.[schemeName] : undefined;
  if (schemeName && declared) {
    const scheme = resolveLocal<SecuritySchemeObject>(document, declared);
    const why = `from security scheme "${schemeName}" (${scheme.type}${scheme.in ? ` in ${scheme.in}` : ""}), used by ${uses.get(schemeName)} of ${operations.length} operations`;
    if (scheme.type === "apiKey" && scheme.in && scheme.name) {
      return { auth: { in: scheme.in, name: scheme.name }, why, scheme: schemeName };
    }
    if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") return { auth: { in: "basic" }, why };
    return { auth: { in: "bearer" }, why };
  }
  const keyParameters = new Map<string, number>();
  for (const { operation, shared } of operations) {
    for (const entry of [...shared, ...(operation.parameters ?? [])]) {
      const parameter = resolveLocal<ParameterObject>(document, entry as ParameterObject);
      if ((parameter.in === "query" || parameter.in === "header") && KEY_PARAMETER.test(parameter.name)) {
        const key = `${parameter.in}:${parameter.name}`;
        keyParameters.set(key, (keyParameters.get(key) ?? 0) + 1);
      }
    }
  }
  const [parameterKey, count = 0] = [...keyParameters.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (parameterKey && count * 2 >= operations.length) {
    const parsed = parseAuthFlag(parameterKey) as Omit<Auth, "envVar">;
    return {
      auth: parsed,
      why: `from parameter ${parameterKey} on ${count} of ${operations.length} operations (no security scheme)`,
    };
  }
  return { auth: { in: "none" }, why: "the spec declares no security scheme and no key parameter" };
}

/** `Acme Widgets API v2` → `Acme Widgets`: the name users know, without the words every API has. */
function displayNameOf(document: OpenApiDocument, provider: string): string {
  const title = (document.info?.title ?? "").replace(/\s+/g, " ").trim();
  const cleaned = title.replace(/\s*(rest(ful)?\s+)?api(s)?(\s+v?\d+(\.\d+)*)?$/i, "").trim();
  return (cleaned || title || provider).slice(0, 60);
}

function httpsUrl(value: unknown): string | undefined {
  return typeof value === "string" && /^https:\/\/[^\s]+$/.test(value) ? value : undefined;
}

/**
 * A provider.config.json for a spec: names from its title, the credential placement from its
 * security schemes (flags override), and an upstream when it came from an https URL.
 */
export function inferProviderConfig(
  provider: string,
  document: OpenApiDocument,
  options: { auth?: AuthFlag; envVar?: string; sourceUrl?: string; keep?: string[] },
): InferredConfig {
  const inferred: string[] = [];
  const review: string[] = [];
  const displayName = displayNameOf(document, provider);
  const factoryBase = pascalCase(displayName);
  const clientFactory = `create${/^[A-Z]/.test(factoryBase) ? factoryBase : pascalCase(provider)}Client`;
  inferred.push(`names: "${displayName}" from info.title, factory ${clientFactory}`);

  const fromSpec = authFromSpec(document);
  const auth: Omit<Auth, "envVar"> = options.auth
    ? (parseAuthFlag(options.auth) as Omit<Auth, "envVar">)
    : fromSpec.auth;
  if (!options.auth && (auth.in === "header" || auth.in === "cookie") && !HTTP_TOKEN.test(auth.name ?? "")) {
    throw new SpecError(
      `components.securitySchemes.${fromSpec.scheme}`,
      `names the ${auth.in} ${JSON.stringify(auth.name)}, which HTTP cannot send (only letters, digits and !#$%&'*+.^_\`|~-); pass the real name with --auth ${auth.in}:<name>`,
    );
  }
  const where = auth.name ? `${auth.in} ${JSON.stringify(auth.name)}` : auth.in;
  inferred.push(`auth: ${where} (${options.auth ? "from --auth" : fromSpec.why})`);
  const envVar =
    auth.in === "none" ? undefined : (options.envVar ?? `${provider.toUpperCase().replace(/-/g, "_")}_API_KEY`);
  if (envVar) inferred.push(`key read from ${envVar}${options.envVar ? " (from --env-var)" : ""}`);
  if (!options.auth && fromSpec.auth.in === "none") {
    review.push(
      "no credential found in the spec: if the API needs a key, run again with --auth (bearer, header:<name>, …)",
    );
  }

  const servers = (document.servers ?? []).map((server) => server.url);
  const [server] = servers;
  if (!server || !/^https?:\/\//.test(server)) {
    review.push(
      `the spec names no absolute server URL${server ? ` (only ${JSON.stringify(server)})` : ""}: users must pass baseUrl`,
    );
  } else {
    inferred.push(`base URL ${server}${servers.length > 1 ? ` (first of ${servers.length} servers)` : ""}`);
    if (server.startsWith("http://"))
      review.push(`the server is plain http (${server}): keys are refused over it unless users opt in`);
  }
  review.push(
    "what the spec cannot say: a rate limit (rateLimit), POST operations safe to retry (idempotentOperations), " +
      "paging (pagination), an error envelope on HTTP 200 (errorEnvelope)",
  );

  const { contact } = document.info as { contact?: { url?: unknown } };
  const homepage = httpsUrl(contact?.url) ?? httpsUrl((document.externalDocs as { url?: unknown } | undefined)?.url);
  const config: ProviderConfig = {
    $schema: "../../scripts/provider-config.schema.json",
    packageName: `@specsdk/${provider}`,
    displayName,
    clientFactory,
    description: `Typed client for the ${displayName} API, generated from its OpenAPI spec.`,
    auth: { ...(envVar ? { envVar } : {}), ...auth },
    keywords: [provider],
    ...(homepage ? { homepage } : {}),
    ...(options.sourceUrl?.startsWith("https://")
      ? { upstream: { url: options.sourceUrl, ...(options.keep?.length ? { keep: options.keep } : {}) } }
      : {}),
  };
  return { config, inferred, review };
}
