// `pnpm docs`: the API reference of @specsdk/core and each provider package, as HTML in api-docs/
// (git-ignored), from the TSDoc in their sources (the providers' is generated). A type that the
// documented API uses but no package exports fails the build (treatWarningsAsErrors + notExported);
// packages/core/typedoc.json lists the ones core leaves unexported on purpose.
import { readdirSync } from "node:fs";
import { OptionDefaults } from "typedoc";

/** Provider packages: the generated ones, each with a provider.config.json. */
const providers = readdirSync("packages", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(`packages/${entry.name}`).includes("provider.config.json"))
  .map((entry) => `packages/${entry.name}`)
  .sort();

/** Options each package is converted with (in "packages" mode the conversion options are per package). */
const conversion = {
  // core's src/index.ts, a provider's src/generated/index.ts
  entryPoints: ["src/**/index.ts"],
  tsconfig: "tsconfig.build.json",
  // Source links would need a hosted repository URL; the reference stands without them.
  disableSources: true,
  // openapi-typescript writes `@description` in the generated schema types.
  blockTags: [...OptionDefaults.blockTags, "@description"],
  validation: { notExported: true, invalidLink: true, invalidPath: true, notDocumented: false },
};

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "specsdk API reference",
  entryPointStrategy: "packages",
  entryPoints: ["packages/core", ...providers],
  packageOptions: conversion,
  out: "api-docs",
  // The repository README links folders, which HTML docs cannot carry; each package page shows its own README.
  readme: "none",
  disableSources: true,
  treatWarningsAsErrors: true,
  validation: conversion.validation,
};
