/**
 * The public API of a built package, read from its `.d.ts` with the TypeScript compiler API.
 *
 * Why the compiler API and not `@microsoft/api-extractor`: `typescript` is already a dependency (no
 * new one, no config file per package), api-extractor's output is a report meant for humans to review
 * (an `.api.md` file to diff as text), and we need more than text: the checker itself, to ask whether
 * an old argument type is still assignable to the new one (diff-surface.ts) and to read the operation
 * table's literal types.
 *
 * Both versions of a package are loaded into one program (`loadSurfaces`), so their types can be
 * compared with `checker.isTypeAssignableTo`.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { sha256 } from "../shared/sha256.js";

export type ExportKind = "function" | "class" | "interface" | "type" | "const" | "enum" | "namespace" | "other";

export interface SurfaceExport {
  name: string;
  kind: ExportKind;
  /** Normalised type text: members expanded one level, sorted by name (see `structuralText`). */
  text: string;
  /** The TSDoc comment and tags, for doc-only changes. */
  docs: string;
  /** The type the text was made from: the declared type of a type, the value's type otherwise. */
  type: ts.Type;
  /** For a class, the type of its instances. */
  instanceType?: ts.Type;
}

export interface SurfaceParameter {
  name: string;
  optional: boolean;
  text: string;
  type: ts.Type;
}

/** A named method of the client (an operation in the provider's table). */
export interface SurfaceMethod {
  name: string;
  parameters: SurfaceParameter[];
  /** Return type, e.g. `ApiPromise<DeleteImageResult>`… */
  resultText: string;
  /** …its wrapper (`ApiPromise`, `PagePromise`, `EventStreamPromise`), when it is a generic one… */
  resultWrapper?: string;
  /** …and what it resolves to (the wrapper's type argument, or the return type itself). */
  result: ts.Type;
  docs: string;
  /** For a deprecated alias (`@deprecated Use newName()`): the method it is the old name of. */
  aliasOf?: string;
}

/** One row of the generated operation table: what the client does that the types cannot show. */
export interface OperationRow {
  method: string;
  path: string;
  /** The spec's operationId, when it has one (what the `operations` type is keyed by). */
  operationId?: string;
  serverUrl: string;
  authenticated: boolean;
  idempotent: boolean;
  /** JSON of the pagination definition, when the operation pages. */
  pagination?: string;
}

export interface OperationTable {
  defaultBaseUrl: string;
  /** JSON of where the key goes (`{"in":"bearer"}`). */
  authPlacement: string;
  envVar?: string;
  /** JSON of `{ requests, perMilliseconds }`, when the provider declares one. */
  rateLimit?: string;
  /** JSON of the error envelope, when the provider declares one. */
  errorEnvelope?: string;
  operations: Record<string, OperationRow>;
}

export interface ApiSurface {
  packageName: string;
  version: string;
  exports: Map<string, SurfaceExport>;
  methods: Map<string, SurfaceMethod>;
  /** From the `provider` export; absent for packages that have none (core). */
  table?: OperationTable;
  /** SHA-256 of everything above (names, kinds, type texts, docs, table): equal surfaces, equal digests. */
  digest: string;
}

export interface LoadedSurfaces {
  surfaces: ApiSurface[];
  checker: ts.TypeChecker;
}

const TEXT_FLAGS =
  ts.TypeFormatFlags.NoTruncation |
  ts.TypeFormatFlags.WriteArrayAsGenericType |
  ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;

/** The `.d.ts` entry of a package: `exports["."].types`, else `types`. */
export function typesEntry(packageDir: string): { entry: string; packageName: string; version: string } {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
    name: string;
    version: string;
    types?: string;
    exports?: Record<string, { types?: string } | string>;
  };
  const dot = manifest.exports?.["."];
  const types = (typeof dot === "object" ? dot.types : undefined) ?? manifest.types;
  if (!types) throw new Error(`${join(packageDir, "package.json")}: no exports["."].types or types`);
  return { entry: resolve(packageDir, types), packageName: manifest.name, version: manifest.version };
}

/** Extracts the surface of each package directory (built: its `dist/*.d.ts` must exist), in one program. */
export function loadSurfaces(packageDirs: readonly string[]): LoadedSurfaces {
  const entries = packageDirs.map(typesEntry);
  const program = ts.createProgram(
    entries.map(({ entry }) => entry),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    },
  );
  const checker = program.getTypeChecker();
  const surfaces = entries.map(({ entry, packageName, version }) => {
    const source = program.getSourceFile(entry);
    if (!source) throw new Error(`${entry}: not found (build the package first)`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${entry}: not a module`);
    return extractSurface(checker, moduleSymbol, packageName, version);
  });
  return { surfaces, checker };
}

function extractSurface(
  checker: ts.TypeChecker,
  moduleSymbol: ts.Symbol,
  packageName: string,
  version: string,
): ApiSurface {
  const exports = new Map<string, SurfaceExport>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const kind = kindOf(symbol);
    const type = isTypeOnly(kind) ? checker.getDeclaredTypeOfSymbol(symbol) : checker.getTypeOfSymbol(symbol);
    const text =
      kind === "class"
        ? `${structuralText(checker, type)} & instance ${structuralText(checker, checker.getDeclaredTypeOfSymbol(symbol))}`
        : structuralText(checker, type);
    const instanceType = kind === "class" ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
    exports.set(exported.name, { name: exported.name, kind, text, docs: docsOf(checker, symbol), type, instanceType });
  }
  const table = readTable(checker, exports.get("provider"));
  const methods = readMethods(checker, exports, table);
  const digest = sha256(
    JSON.stringify({
      exports: [...exports.values()].map(({ name, kind, text, docs }) => [name, kind, text, docs]),
      methods: [...methods.values()].map(({ name, parameters, resultText, result, docs }) => [
        name,
        parameters.map((parameter) => [parameter.name, parameter.optional, parameter.text]),
        resultText,
        structuralText(checker, result),
        docs,
      ]),
      table: table ?? null,
    }),
  );
  return { packageName, version, exports, methods, table, digest };
}

function isTypeOnly(kind: ExportKind): boolean {
  return kind === "interface" || kind === "type";
}

function kindOf(symbol: ts.Symbol): ExportKind {
  const flags = symbol.flags;
  if (flags & ts.SymbolFlags.Class) return "class";
  if (flags & ts.SymbolFlags.Function) return "function";
  if (flags & ts.SymbolFlags.Enum) return "enum";
  if (flags & ts.SymbolFlags.Variable) return "const";
  if (flags & ts.SymbolFlags.Interface) return "interface";
  if (flags & ts.SymbolFlags.TypeAlias) return "type";
  if (flags & ts.SymbolFlags.Module) return "namespace";
  return "other";
}

function docsOf(checker: ts.TypeChecker, symbol: ts.Symbol): string {
  const comment = ts.displayPartsToString(symbol.getDocumentationComment(checker));
  const tags = symbol
    .getJsDocTags(checker)
    .map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text ?? [])}`.trim());
  return [comment, ...tags].filter(Boolean).join("\n");
}

/** Whether a type is a plain object shape whose properties can be compared one by one. */
export function isObjectShape(checker: ts.TypeChecker, type: ts.Type): boolean {
  return (
    (type.flags & ts.TypeFlags.Object) !== 0 &&
    !checker.isArrayLikeType(type) &&
    type.getCallSignatures().length === 0 &&
    type.getConstructSignatures().length === 0 &&
    checker.getPropertiesOfType(type).length > 0
  );
}

/**
 * A type's text, normalised: an object shape is written out one level (`{ a: string; b?: number }`,
 * members sorted by name, each member's type in the checker's own words without truncation), so an
 * interface renamed or re-declared with the same members reads the same; anything else is the
 * checker's text. Doc comments are not part of it (see `docs`).
 */
export function structuralText(checker: ts.TypeChecker, type: ts.Type): string {
  const signatures = [
    ...type.getCallSignatures().map((signature) => checker.signatureToString(signature, undefined, TEXT_FLAGS)),
    ...type
      .getConstructSignatures()
      .map((signature) => `new ${checker.signatureToString(signature, undefined, TEXT_FLAGS)}`),
  ];
  const members =
    (type.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayLikeType(type)
      ? checker
          .getPropertiesOfType(type)
          .filter((property) => property.name !== "prototype")
          .map((property) => `${memberName(property)}${optionalMark(property)}: ${memberText(checker, property)}`)
          .sort()
      : [];
  if (signatures.length === 0 && members.length === 0) return typeText(checker, type);
  return withoutImportPaths(`{ ${[...signatures, ...members].join("; ")} }`);
}

/** `__@species@325` (a well-known symbol, numbered per program) → `[Symbol.species]`. */
function memberName(property: ts.Symbol): string {
  return property.name.replace(/^__@(\w+)@\d+$/, "[Symbol.$1]");
}

function optionalMark(property: ts.Symbol): string {
  return property.flags & ts.SymbolFlags.Optional ? "?" : "";
}

function memberText(checker: ts.TypeChecker, property: ts.Symbol): string {
  return typeText(checker, checker.getTypeOfSymbol(property));
}

/**
 * `import("/abs/dist/api-promise", { with: … }).ApiPromise` → `ApiPromise`: the checker names a type
 * from another file by its absolute path, which differs between a worktree and the repository.
 */
function withoutImportPaths(text: string): string {
  return text.replace(/import\("[^"]*"(?:, \{ with: \{[^}]*\} \})?\)\./g, "");
}

/** A type's text in the checker's own words, without file paths (for messages and comparison). */
export function typeText(checker: ts.TypeChecker, type: ts.Type): string {
  return withoutImportPaths(checker.typeToString(type, undefined, TEXT_FLAGS));
}

/**
 * The value a literal type stands for. The generator writes the operation table `as const`, so its
 * declaration (`export declare const provider: { readonly defaultBaseUrl: "https://…"; … }`) carries
 * every value as a literal type: the table is read from the `.d.ts` like the rest of the surface.
 */
function literalValue(checker: ts.TypeChecker, type: ts.Type): unknown {
  if (type.isStringLiteral() || type.isNumberLiteral()) return type.value;
  if (type.flags & ts.TypeFlags.BooleanLiteral) return typeText(checker, type) === "true";
  if (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) return undefined;
  if (checker.isArrayLikeType(type) && (type.flags & ts.TypeFlags.Object) !== 0) {
    return checker.getTypeArguments(type as ts.TypeReference).map((element) => literalValue(checker, element));
  }
  if (type.flags & ts.TypeFlags.Object) {
    const value: Record<string, unknown> = {};
    for (const property of checker.getPropertiesOfType(type).sort((a, b) => a.name.localeCompare(b.name))) {
      value[property.name] = literalValue(checker, checker.getTypeOfSymbol(property));
    }
    return value;
  }
  // A widened type (`string`): the table was not written `as const`; keep its text so a change shows.
  return `<${typeText(checker, type)}>`;
}

function json(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

function readTable(checker: ts.TypeChecker, provider: SurfaceExport | undefined): OperationTable | undefined {
  if (provider?.kind !== "const") return undefined;
  const value = literalValue(checker, provider.type) as {
    defaultBaseUrl?: string;
    auth?: { envVar?: string; placement?: unknown };
    rateLimit?: unknown;
    errorEnvelope?: unknown;
    operations?: Record<string, Record<string, unknown>>;
  };
  if (!value.operations || typeof value.defaultBaseUrl !== "string") return undefined;
  const operations: Record<string, OperationRow> = {};
  for (const [name, row] of Object.entries(value.operations)) {
    operations[name] = {
      method: String(row.method),
      path: String(row.path),
      ...(typeof row.operationId === "string" ? { operationId: row.operationId } : {}),
      serverUrl: String(row.serverUrl),
      authenticated: row.authenticated === true,
      idempotent: row.idempotent === true,
      pagination: json(row.pagination),
    };
  }
  return {
    defaultBaseUrl: value.defaultBaseUrl,
    authPlacement: json(value.auth?.placement) ?? "none",
    envVar: value.auth?.envVar,
    rateLimit: json(value.rateLimit),
    errorEnvelope: json(value.errorEnvelope),
    operations,
  };
}

/**
 * The named methods: the members, named like the table's operations, of what the exported client
 * factory (`createXClient`) returns.
 */
function readMethods(
  checker: ts.TypeChecker,
  exports: Map<string, SurfaceExport>,
  table: OperationTable | undefined,
): Map<string, SurfaceMethod> {
  const methods = new Map<string, SurfaceMethod>();
  if (!table) return methods;
  const names = new Set(Object.keys(table.operations));
  for (const exported of exports.values()) {
    if (exported.kind !== "function") continue;
    for (const signature of exported.type.getCallSignatures()) {
      const client = signature.getReturnType();
      for (const property of checker.getPropertiesOfType(client)) {
        if (methods.has(property.name)) continue;
        // A deprecated alias is not in the table: its tag names the operation it calls.
        const aliasOf = names.has(property.name) ? undefined : DEPRECATED_ALIAS.exec(docsOf(checker, property))?.[1];
        if (!names.has(property.name) && !(aliasOf !== undefined && names.has(aliasOf))) continue;
        const method = checker.getTypeOfSymbol(property).getCallSignatures()[0];
        if (method)
          methods.set(property.name, { ...readMethod(checker, property, method), ...(aliasOf ? { aliasOf } : {}) });
      }
    }
  }
  return methods;
}

/** The tag the generator writes on a deprecated alias (emit/client.ts). */
const DEPRECATED_ALIAS = /^@deprecated Use (\w+)\(\)$/m;

function readMethod(checker: ts.TypeChecker, symbol: ts.Symbol, signature: ts.Signature): SurfaceMethod {
  const parameters = signature.getParameters().map((parameter) => {
    const declaration = parameter.valueDeclaration;
    const optional =
      declaration !== undefined && ts.isParameter(declaration)
        ? checker.isOptionalParameter(declaration)
        : (parameter.flags & ts.SymbolFlags.Optional) !== 0;
    const type = checker.getTypeOfSymbol(parameter);
    return { name: parameter.name, optional, type, text: structuralText(checker, checker.getNonNullableType(type)) };
  });
  const returned = signature.getReturnType();
  const reference = returned as ts.TypeReference;
  const wrapped =
    (returned.flags & ts.TypeFlags.Object) !== 0 &&
    (reference.objectFlags & ts.ObjectFlags.Reference) !== 0 &&
    checker.getTypeArguments(reference).length === 1;
  return {
    name: symbol.name,
    parameters,
    resultText: typeText(checker, returned),
    resultWrapper: wrapped ? reference.target.symbol?.name : undefined,
    result: wrapped ? (checker.getTypeArguments(reference)[0] as ts.Type) : returned,
    docs: docsOf(checker, symbol),
  };
}
