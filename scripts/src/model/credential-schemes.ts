import type { CredentialPlacement } from "../shared/runtime-vocabulary.js";
import {
  HTTP_METHODS,
  type OpenApiDocument,
  type OperationObject,
  resolveLocal,
  type SecuritySchemeObject,
} from "../spec/openapi-types.js";

/** A credential header users send beside the client's own credential. */
export interface CompanionHeader {
  name: string;
  /** Written before the value: `Bearer ` or `Basic ` in `Authorization`, else nothing. */
  prefix: string;
}

/**
 * A spec's security schemes seen from a client that sends one credential (`placement`): which
 * schemes that credential satisfies, which others users can add as a header, and which security
 * requirement of an operation nobody can meet through the client.
 */
export class CredentialSchemes {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly placement: CredentialPlacement,
  ) {}

  scheme(name: string): SecuritySchemeObject | undefined {
    const declared = this.document.components?.securitySchemes?.[name];
    return declared ? resolveLocal<SecuritySchemeObject>(this.document, declared) : undefined;
  }

  /** Whether the client's own credential satisfies this scheme. */
  isOurs(scheme: SecuritySchemeObject | undefined): boolean {
    if (scheme === undefined) return false;
    const { placement } = this;
    const httpScheme = scheme.type === "http" ? String(scheme.scheme).toLowerCase() : undefined;
    if (placement.in === "bearer") {
      return httpScheme === "bearer" || scheme.type === "oauth2" || scheme.type === "openIdConnect";
    }
    if (placement.in === "basic") return httpScheme === "basic";
    return (
      "name" in placement &&
      scheme.type === "apiKey" &&
      scheme.in === placement.in &&
      placement.name.toLowerCase() === String(scheme.name).toLowerCase()
    );
  }

  /** The header a scheme's credential travels in, when it is one. */
  headerOf(scheme: SecuritySchemeObject | undefined): CompanionHeader | undefined {
    if (scheme?.type === "apiKey")
      return scheme.in === "header" ? { name: String(scheme.name), prefix: "" } : undefined;
    const httpScheme = scheme?.type === "http" ? String(scheme.scheme).toLowerCase() : undefined;
    if (httpScheme === "basic") return { name: "Authorization", prefix: "Basic " };
    if (httpScheme === "bearer" || scheme?.type === "oauth2" || scheme?.type === "openIdConnect") {
      return { name: "Authorization", prefix: "Bearer " };
    }
    return undefined;
  }

  /** Headers required in the same security requirement as the client's credential, anywhere in the spec, by name. */
  companionHeaders(): CompanionHeader[] {
    const { document } = this;
    const requirements = [
      ...(document.security ?? []),
      ...Object.values(document.paths ?? {}).flatMap((item) =>
        HTTP_METHODS.flatMap((method) => (item[method] as OperationObject | undefined)?.security ?? []),
      ),
    ];
    const found = new Map<string, CompanionHeader>();
    for (const requirement of requirements) {
      const required = Object.keys(requirement).map((name) => this.scheme(name));
      if (required.length < 2 || !required.some((scheme) => this.isOurs(scheme))) continue;
      for (const scheme of required) {
        const header = this.headerOf(scheme);
        if (header && !this.isOurs(scheme)) found.set(header.name.toLowerCase(), header);
      }
    }
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Why no alternative of an operation's security can be met by the client's credential plus
   * companion headers (HubSpot's settings operations want a developer key in the query), or undefined.
   */
  unmetRequirement(security: readonly Record<string, unknown>[]): string | undefined {
    if (security.length === 0) return undefined;
    const met = security.some((requirement) => {
      const required = Object.keys(requirement).map((name) => this.scheme(name));
      return (
        required.length === 0 ||
        (required.some((scheme) => this.isOurs(scheme)) &&
          required.every((scheme) => this.isOurs(scheme) || this.headerOf(scheme) !== undefined))
      );
    });
    if (met) return undefined;
    const wanted = security.map((requirement) => Object.keys(requirement).join(" + ")).join(" or ");
    return `the operation requires ${wanted}, which the client's credential does not satisfy`;
  }
}
