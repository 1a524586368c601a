import { startMock } from "@specsdk/mock";

export interface RunningPrism {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a Prism mock server for one spec inside this process, on a free loopback port: the published
 * `@specsdk/mock` with its defaults (examples, not generated responses; requests and responses
 * validated, findings in `sl-violations`). In-process means it cannot outlive the test run: no orphan
 * to kill after Ctrl-C or a crash.
 */
export function startPrism(specPath: string, options: { cors?: boolean } = {}): Promise<RunningPrism> {
  return startMock({ spec: specPath }, { cors: options.cors ?? false });
}
