/** A JSON Schema (2020-12) object, as the generator writes it into a provider's tool table. */
export type JsonSchemaObject = { readonly type: "object"; readonly [keyword: string]: unknown };

/** MCP tool annotations, derived by the generator from the spec and the provider config. */
export interface ToolAnnotations {
  readonly title?: string;
  /** GET and HEAD. */
  readonly readOnlyHint: boolean;
  /** DELETE, and operations the provider config marks destructive. */
  readonly destructiveHint: boolean;
  /** The client's idempotency rule (safe to retry). */
  readonly idempotentHint: boolean;
  /** Every tool calls a remote API. */
  readonly openWorldHint: true;
}

/** One operation as an MCP tool: generated data, never code. */
export interface ToolDefinition {
  /** The tool's name: the provider client's named method, unless MCP's name rules needed another. */
  readonly name: string;
  /** The named method, when it differs from `name` (more than 128 characters, a `$`). */
  readonly methodName?: string;
  readonly method: string;
  readonly path: string;
  readonly tags: readonly string[];
  readonly description: string;
  /** The named method's argument: parameters and body, credentials left out. */
  readonly inputSchema: JsonSchemaObject;
  /** The success body (an object), or `{ result }` around it when `wrapsResult`; absent for a non-JSON body. */
  readonly outputSchema?: JsonSchemaObject;
  /** The success body is not an object: structured content carries it as `result`. */
  readonly wrapsResult?: boolean;
  /** Names in the table's `definitions` the input schema refers to (`#/$defs/<name>`): listed under its `$defs`. */
  readonly inputDefs?: readonly string[];
  readonly outputDefs?: readonly string[];
  readonly annotations: ToolAnnotations;
}

/** A named method of a provider client: `(input, { signal })`. */
export type NamedMethod = (input: unknown, options?: { signal?: AbortSignal }) => PromiseLike<unknown>;

/** What a generated `<provider>-mcp` package hands the runtime. */
export interface ProviderServerDefinition {
  /** MCP server name, e.g. `modelslab-mcp`. */
  readonly name: string;
  /** The provider's display name, e.g. `ModelsLab`. */
  readonly displayName: string;
  /** The env var holding the API key (absent for a keyless API): redacted from every message. */
  readonly apiKeyEnvVar?: string;
  /** The env var `--base-url` falls back to, e.g. `MODELSLAB_BASE_URL`. */
  readonly baseUrlEnvVar: string;
  /** The package's package.json (its version is the server's). */
  readonly packageJsonUrl: URL;
  readonly tools: readonly ToolDefinition[];
  /** Schemas the tools share, each once, by `$defs` name. */
  readonly definitions?: Readonly<Record<string, unknown>>;
  /** The provider's own client factory: auth from the env var, retries, rate limit, redaction, path guard. */
  readonly createClient: (options: { baseUrl?: string }) => object;
}
