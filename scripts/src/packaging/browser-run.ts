import { access } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import { chromium } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); .ci/run installs it when it is missing. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Bundles `entry` for browsers the way an application's bundler would: resolving the installed
 * packages' `exports` with the `browser`/`import` conditions, no Node built-ins, no `process` shim.
 */
export async function bundleForBrowser(entry: string, resolveDir: string): Promise<{ code: string; bytes: number }> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: resolveDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    minify: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text ?? "";
  return { code, bytes: Buffer.byteLength(code) };
}

export interface BrowserRun {
  result: unknown;
  failure: string | undefined;
  /** Uncaught page errors and console errors, in order. */
  pageErrors: string[];
  chromiumVersion: string;
}

/**
 * Serves a page with the bundle from its own loopback origin (so every API call is cross-origin and
 * needs CORS), opens it in headless Chromium and waits for the bundle to publish
 * `globalThis.specsdkResult` or `globalThis.specsdkFailure`.
 */
export async function runInChromium(bundle: string, query: Record<string, string>, timeoutMs = 60_000) {
  try {
    await access(CHROMIUM_PATH);
  } catch {
    throw new Error(
      `${CHROMIUM_PATH} is missing: the browser check needs Debian's Chromium (apt-get install -y chromium; .ci/run does this)`,
    );
  }
  const server = createServer((request, response) => {
    if (request.url?.startsWith("/bundle.js")) {
      response.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    } else {
      response
        .writeHead(200, { "content-type": "text/html" })
        .end(
          '<!doctype html><meta charset="utf-8"><title>specsdk</title><script type="module" src="/bundle.js"></script>',
        );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: timeoutMs });
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    // An error thrown while the bundle loads (say, an unguarded `process`) never reaches the bundle's
    // own handlers: fail at once with it instead of waiting for a result that cannot come.
    let uncaught: (error: Error) => void = () => {};
    const failedToLoad = new Promise<never>((_, reject) => {
      uncaught = reject;
    });
    failedToLoad.catch(() => {});
    page.on("pageerror", (error) => {
      pageErrors.push(`pageerror: ${error.message}`);
      uncaught(new Error(`uncaught error in the page: ${error.name}: ${error.message}`));
    });
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`console.error: ${message.text()}`);
    });
    await page.goto(`http://127.0.0.1:${port}/?${new URLSearchParams(query)}`, { timeout: timeoutMs });
    await Promise.race([
      failedToLoad,
      page.waitForFunction(
        () => {
          const target = globalThis as { specsdkResult?: unknown; specsdkFailure?: string };
          return target.specsdkResult !== undefined || target.specsdkFailure !== undefined;
        },
        undefined,
        { timeout: timeoutMs },
      ),
    ]);
    const { result, failure } = await page.evaluate(() => {
      const target = globalThis as { specsdkResult?: unknown; specsdkFailure?: string };
      return { result: target.specsdkResult, failure: target.specsdkFailure };
    });
    return { result, failure, pageErrors, chromiumVersion: browser.version() } satisfies BrowserRun;
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
