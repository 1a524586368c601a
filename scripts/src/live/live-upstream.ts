import { HTTP_METHODS, type OpenApiDocument, type OperationObject, type ServerObject } from "../spec/openapi-types.js";

/** `SPECSDK_LIVE_UPSTREAM_MODELSLAB`: where `pnpm test:live` proxies to instead of the spec's server. */
export function liveUpstreamEnvVar(provider: string): string {
  return `SPECSDK_LIVE_UPSTREAM_${provider.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

function serverUrl(server: ServerObject): string {
  return server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => server.variables?.[name]?.default ?? whole);
}

/**
 * The one base URL every operation of the spec is served from (an operation's own `servers` win over
 * its path's, which win over the document's). A single Prism proxy can only forward to one upstream,
 * so a spec whose operations live on different servers is refused with the list.
 */
export function liveUpstreamUrl(document: OpenApiDocument): string {
  const urls = new Set<string>();
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const server = operation.servers?.[0] ?? item.servers?.[0] ?? document.servers?.[0];
      if (server) urls.add(serverUrl(server));
    }
  }
  const [only, ...others] = urls;
  if (!only) throw new Error("the spec names no server for its operations");
  if (others.length > 0) throw new Error(`its operations use ${urls.size} different servers (${[...urls].join(", ")})`);
  if (!/^https?:\/\//.test(only) || /\{[^}]+\}/.test(only))
    throw new Error(`server URL ${JSON.stringify(only)} is not absolute`);
  return only;
}
