import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildProviderModel } from "../model/provider-model.js";
import { ReadWriteMarkers } from "../model/read-write-markers.js";
import { parseSpecText, readSpecText } from "../spec/load-spec.js";
import { loadProviderConfig } from "../spec/provider-config.js";
import { checkInternalRefs } from "../spec/spec-refs.js";
import { validateWhile } from "../spec/validate-off-thread.js";
import { type VendoredSpec, verifyVendoredDigest } from "../spec/vendored-specs.js";
import { emitClient } from "./emit/client.js";
import { compiledByOpenapiTypescript, ts } from "./emit/code.js";
import { contractTestNotes, emitContractTests } from "./emit/contract-tests.js";
import { emitEntryPoint } from "./emit/entry-point.js";
import type { GeneratedFiles } from "./emit/generated-files.js";
import { generatedHeader } from "./emit/header.js";
import {
  emitPackageJson,
  emitTsconfig,
  emitTsconfigBuild,
  emitVitestConfig,
  SHIPPED_SPEC,
} from "./emit/package-files.js";
import { emitPropertyTests } from "./emit/property-tests.js";
import { emitProviderMetadata } from "./emit/provider-metadata.js";
import { emitReadme } from "./emit/readme.js";
import { compileSchemaTypes } from "./emit/schema-types.js";
import { emitTurboConfig } from "./emit/turbo-config.js";
import { generateMcpPackage } from "./mcp/generate-mcp-package.js";

/** Directories owned entirely by the generator: swapped as a whole, stray files in them are stale. */
export const GENERATED_DIRS = ["src/generated", "test/generated"] as const;
const [SOURCE_DIR, TEST_DIR] = GENERATED_DIRS;
/** A new provider package starts unreleased: the first-release changeset `providers:add` writes releases 0.1.0. */
export const INITIAL_VERSION = "0.0.0";

async function currentVersion(packageDir: string, initial = INITIAL_VERSION): Promise<string> {
  try {
    const existing = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as { version?: unknown };
    return typeof existing.version === "string" ? existing.version : initial;
  } catch {
    return initial;
  }
}

/** One package's files, and what its generated contract tests skip or cannot make valid (printed by generate). */
export interface GeneratedPackage {
  files: GeneratedFiles;
  notes: string[];
  /** Packages generated beside it from the same model, by folder under packages/ (the MCP server). */
  companions: { dir: string; files: GeneratedFiles }[];
}

/** Computes every file of one provider package in memory; writes nothing. */
export async function generateProvider(spec: VendoredSpec, packagesDir: string): Promise<GeneratedPackage> {
  const packageDir = join(packagesDir, spec.name);
  const { displayPath, text } = await readSpecText(spec.path);
  const document = parseSpecText(text, displayPath);
  // Before anything resolves refs: nothing outside this file is ever read or fetched.
  checkInternalRefs(document, text, displayPath);
  const schemaTypes = await validateWhile({ text, absolutePath: spec.path, displayPath }, () =>
    compileSchemaTypes(document, text, { readWriteMarkers: new ReadWriteMarkers(document).enabled }),
  );
  const specSha256 = await verifyVendoredDigest(spec, text);
  const config = await loadProviderConfig(join(packageDir, "provider.config.json"));
  const model = buildProviderModel({
    name: spec.name,
    specFile: spec.fileName,
    specSha256,
    document,
    config,
  });

  const files: GeneratedFiles = new Map([
    [`${SOURCE_DIR}/schema.ts`, ts`${generatedHeader(model)}${compiledByOpenapiTypescript(schemaTypes)}`.text],
    [`${SOURCE_DIR}/provider.ts`, emitProviderMetadata(model).text],
    [`${SOURCE_DIR}/client.ts`, emitClient(model).text],
    [`${SOURCE_DIR}/index.ts`, emitEntryPoint(model).text],
    [`${TEST_DIR}/spec-contract.test.ts`, emitContractTests(model).text],
    [`${TEST_DIR}/property.test.ts`, emitPropertyTests(model).text],
    ["package.json", emitPackageJson(model, await currentVersion(packageDir))],
    ["tsconfig.json", emitTsconfig()],
    ["tsconfig.build.json", emitTsconfigBuild()],
    ["vitest.config.ts", emitVitestConfig(model).text],
    ["turbo.json", emitTurboConfig(model)],
    ["README.md", emitReadme(model)],
    // The spec itself, byte for byte (its digest is the vendored one): `@specsdk/mock` serves it from
    // the installed package, so users mock the exact spec their client was generated from.
    [SHIPPED_SPEC, text],
  ]);
  return {
    files,
    notes: contractTestNotes(model),
    companions: [await generateMcpPackage(model, packagesDir, currentVersion)],
  };
}
