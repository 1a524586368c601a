import { resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { type RunningPrism, startPrism } from "./prism-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Spec files to mock, by provider name (paths relative to the test project root). */
    prismSpecs: Record<string, string>;
    /** Base URL of each running Prism mock, by provider name. */
    prismUrls: Record<string, string>;
  }
}

/** vitest globalSetup: one Prism per spec for the whole run, always closed afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const specs = project.config.provide?.prismSpecs ?? {};
  const running: RunningPrism[] = [];
  const urls: Record<string, string> = {};
  const closeAll = async () => {
    await Promise.allSettled(running.splice(0).map((prism) => prism.close()));
  };
  try {
    for (const [name, specPath] of Object.entries(specs)) {
      const prism = await startPrism(resolve(project.config.root, specPath));
      running.push(prism);
      urls[name] = prism.url;
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  project.provide("prismUrls", urls);
  return closeAll;
}
