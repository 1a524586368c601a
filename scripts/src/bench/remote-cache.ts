import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { access, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exec } from "../shared/exec.js";

/** The self-hosted Turborepo remote cache server (ducktors/turborepo-remote-cache), pinned. */
export const REMOTE_CACHE_PACKAGE = "turborepo-remote-cache@2.12.0";

export interface RemoteCacheServer {
  url: string;
  token: string;
  team: string;
  stop: () => Promise<void>;
}

/**
 * The server's CLI, installed once with plain npm into node_modules/.cache/specsdk-bench/: it pulls
 * in the S3/GCS/Azure SDKs, which no workspace package should depend on for a manual benchmark.
 */
async function serverCli(root: string): Promise<string> {
  const dir = join(root, "node_modules/.cache/specsdk-bench", REMOTE_CACHE_PACKAGE.replace(/[@/]/g, "_"));
  const cli = join(dir, "node_modules/turborepo-remote-cache/dist/cli.js");
  if (
    await access(cli).then(
      () => true,
      () => false,
    )
  )
    return cli;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "package.json"), `${JSON.stringify({ name: "remote-cache-server", private: true })}\n`);
  const install = await exec(
    "npm",
    ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts", REMOTE_CACHE_PACKAGE],
    { cwd: dir, timeoutMs: 600_000 },
  );
  if (install.code !== 0) throw new Error(`npm install ${REMOTE_CACHE_PACKAGE} failed:\n${install.stderr.trim()}`);
  return cli;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilReady(url: string, token: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the remote cache server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/v8/artifacts/status`, { headers: { Authorization: `Bearer ${token}` } }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the remote cache server did not answer within 60 s");
}

/** Starts the server on 127.0.0.1 and a free port, storing artifacts in a temporary directory. */
export async function startRemoteCache(root: string): Promise<RemoteCacheServer> {
  const cli = await serverCli(root);
  const storage = await mkdtemp(join(tmpdir(), "specsdk-remote-cache-"));
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const child = spawn(process.execPath, [cli], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      TURBO_TOKEN: token,
      STORAGE_PROVIDER: "local",
      STORAGE_PATH: storage,
      STORAGE_PATH_USE_TMP_FOLDER: "false",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(storage, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, token, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, token, team: "specsdk", stop };
}
