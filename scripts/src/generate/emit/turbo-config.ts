import type { ProviderModel } from "../../model/provider-model.js";

/**
 * Package-level turbo.json: the provider's spec is an input of its own generate and test tasks
 * (Prism serves it), so a change to one spec invalidates only that provider's package.
 */
export function emitTurboConfig(model: ProviderModel): string {
  const spec = [`$TURBO_ROOT$/specs/${model.specFile}`, `$TURBO_ROOT$/specs/${model.specFile}.sha256`];
  return `${JSON.stringify(
    {
      $schema: "https://turborepo.com/schema.json",
      extends: ["//"],
      tasks: {
        generate: { inputs: ["$TURBO_EXTENDS$", ...spec] },
        test: { inputs: ["$TURBO_EXTENDS$", ...spec] },
      },
    },
    null,
    2,
  )}\n`;
}
