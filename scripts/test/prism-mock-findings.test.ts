/**
 * The generated property tests against a response Prism's mock gets wrong: Twilio's ids declare
 * `pattern: ^IS[0-9a-fA-F]{32}$`, the operation has no example, and Prism's sampler answers
 * "stringstring…" without flagging it. That break is Prism's and is reported, not failed; a break
 * made between the bytes Prism sent and the value the caller gets still fails. And a 204 is bodiless
 * whatever content its spec declares (VPC Lattice's DELETEs).
 */
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";
import { inferProviderConfig } from "../src/add-provider/infer-provider-config.js";
import { repoRoot } from "../src/shared/repo-paths.js";
import type { OpenApiDocument } from "../src/spec/openapi-types.js";
import { compile, generateFixturePackage, linkSelf } from "./fixture-package.js";

const run = promisify(execFile);
const NAME = "twilio";

/**
 * A test file placed beside the generated ones: the same property, with a client whose decoding
 * is broken on purpose (the response body is changed after the capture recorded Prism's bytes).
 */
const DECODING_DEFECT_TEST = `import { createFixtureClient, provider } from "@fixture/${NAME}";
import { checkOperationProperty, prismUrl } from "@specsdk/testing";
import { describe, expect, it } from "vitest";

const SPEC = new URL("../openapi.yaml", import.meta.url).pathname;

type Fetch = (request: Request) => Promise<Response>;
/** A client that decodes what Prism sent after \`change\` has altered it. */
const brokenClient = (change: (body: Record<string, unknown>) => void) => (capture: Fetch) =>
  createFixtureClient({
    apiKey: "user:password",
    baseUrl: prismUrl("${NAME}"),
    maxRetries: 0,
    rateLimit: false,
    fetch: async (request: Request) => {
      const response = await capture(request);
      const body = (await response.json()) as Record<string, unknown>;
      change(body);
      return new Response(JSON.stringify(body), { status: response.status, headers: { "content-type": "application/json" } });
    },
  }) as never;

describe("a decoding defect, where Prism's mock body already breaks the schema", () => {
  it("fails when it breaks a field Prism got right", async () => {
    const client = brokenClient((body) => { body.date_created = 42; });
    await expect(checkOperationProperty({ spec: SPEC, provider, name: "fetchService", client })).rejects.toThrow(
      /named call: the decoded body .* breaks the response schema: .*\\/date_created must be string/,
    );
  });

  it("fails when it changes a field Prism got wrong", async () => {
    const client = brokenClient((body) => { body.sid = "IS-not-what-prism-sent"; });
    await expect(checkOperationProperty({ spec: SPEC, provider, name: "fetchService", client })).rejects.toThrow(
      /named call: the decoded body .*IS-not-what-prism-sent.* breaks the response schema: .*\\/sid must match pattern/,
    );
  });
});
`;

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all(disposers.map((dispose) => dispose()));
});

/** A corpus fixture generated as a package (the config providers:add infers), built and linked for its own tests. */
async function corpusSlice(file: string, name: string) {
  vi.spyOn(console, "log").mockImplementation(() => {});
  const spec = await readFile(join(import.meta.dirname, "corpus-fixtures", file), "utf8");
  const { config } = inferProviderConfig(name, JSON.parse(spec) as OpenApiDocument, {});
  const fixture = await generateFixturePackage(name, spec, {
    ...config,
    packageName: `@fixture/${name}`,
    clientFactory: "createFixtureClient",
  });
  disposers.push(fixture.dispose);
  expect(fixture.exitCode).toBe(0);
  const generated = join(fixture.packageDir, "src/generated");
  expect(compile([join(generated, "index.ts")], join(fixture.packageDir, "dist"), generated)).toEqual([]);
  await linkSelf(fixture.packageDir, `@fixture/${name}`);
  return fixture;
}

/** Runs every test file of a fixture package in a child vitest; returns what it printed and its tests by outcome. */
async function runPackageTests(packageDir: string) {
  const vitest = join(repoRoot, "scripts/node_modules/vitest/vitest.mjs");
  const child = await run(process.execPath, [vitest, "run", "--root", packageDir], {
    cwd: packageDir,
    env: { ...process.env, FORCE_COLOR: "0" },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => error);
  const report = JSON.parse(await readFile(join(packageDir, ".vitest-results.json"), "utf8")) as VitestReport;
  const results = report.testResults.flatMap((file) => file.assertionResults);
  const named = (status: string) =>
    results
      .filter((test) => test.status === status)
      .map((test) =>
        status === "failed" ? `${test.fullName}: ${test.failureMessages.join("\n").slice(0, 800)}` : test.fullName,
      );
  // A file that failed to load has no assertion results, only its message.
  const unloaded = report.testResults
    .filter((file) => file.status === "failed" && file.message)
    .map((file) => `${file.name}: ${file.message.slice(0, 800)}`);
  return {
    output: `${child.stdout}\n${child.stderr}`,
    passed: named("passed"),
    failed: [...unloaded, ...named("failed")],
  };
}

describe("Prism's mock body breaking the response schema (Twilio Chat's fetchService)", () => {
  it("is reported as Prism's finding by the generated property; a decoding defect still fails it", async () => {
    const fixture = await corpusSlice("twilio-chat-service.json", NAME);
    await writeFile(join(fixture.packageDir, "test/decoding-defect.test.ts"), DECODING_DEFECT_TEST);
    const { output, passed, failed } = await runPackageTests(fixture.packageDir);
    expect(failed).toEqual([]);
    // The generated property of fetchService and both defect cases ran and passed.
    expect(passed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^fetchService .* every valid input/),
        expect.stringMatching(/fails when it breaks a field Prism got right$/),
        expect.stringMatching(/fails when it changes a field Prism got wrong$/),
      ]),
    );
    // Prism's own break is printed, not silently passed.
    expect(output).toMatch(
      /GET \/v2\/Services\/\{Sid\} 200: Prism's mock body breaks the response schema: .*\/sid must match pattern "\^IS\[0-9a-fA-F\]\{32\}\$"/,
    );
  }, 600_000);
});

describe("a 204 whose spec declares a JSON body (VPC Lattice's deleteAccessLogSubscription)", () => {
  it("is checked as bodiless, as HTTP says, not against the declared schema", async () => {
    const fixture = await corpusSlice("vpc-lattice-delete.json", "lattice");
    const { passed, failed } = await runPackageTests(fixture.packageDir);
    expect(failed).toEqual([]);
    expect(passed).toEqual(
      expect.arrayContaining([expect.stringMatching(/^deleteAccessLogSubscription .* every valid input/)]),
    );
  }, 600_000);
});
