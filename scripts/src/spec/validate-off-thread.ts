import { Worker } from "node:worker_threads";
import { SpecError } from "../shared/spec-error.js";
import { validateSpecText } from "./load-spec.js";
import type { ValidationReply, ValidationRequest } from "./spec-validation-worker.js";

/**
 * Below this many characters (≈ bytes for a spec) a worker's start-up (~0.4 s: a thread, tsx, Redocly) costs more than validating in
 * place; above it, validation (~75 ms/MB) runs while openapi-typescript compiles (~280 ms/MB) on the
 * main thread. GitHub's 13 MB description: 1.0 s of validation hidden behind 3.6 s of compiling.
 */
export const OFF_THREAD_MIN_LENGTH = 2 * 1024 * 1024;

/**
 * The worker's entry code. Workers do not inherit `--import tsx`'s module hooks on Node 20, so the
 * worker registers tsx itself before importing its TypeScript entry.
 */
function workerBootstrap(): string {
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const workerEntry = new URL("./spec-validation-worker.ts", import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerEntry)}); });`;
}

/** `validateSpecText` on a worker thread; rejects with the same SpecError (file, line, column). */
function validateOnWorker(text: string, absolutePath: string, displayPath: string): Promise<void> {
  const request: ValidationRequest = { text, absolutePath, displayPath };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerBootstrap(), { eval: true, workerData: request });
    worker.once("message", (reply: ValidationReply) => {
      if (reply.valid) resolve();
      else if ("specError" in reply) {
        const { file, problem, line, column } = reply.specError;
        reject(new SpecError(file, problem, line, column));
      } else reject(new Error(`validating ${displayPath} failed: ${reply.crash}`));
    });
    worker.once("error", (error) => reject(new Error(`validating ${displayPath} failed: ${error.message}`)));
    // A settled promise ignores this; it matters only if the worker died without replying.
    worker.once("exit", (code) => reject(new Error(`validating ${displayPath}: worker exited with code ${code}`)));
  });
}

/**
 * Validates a spec and runs `work` (compiling it); resolves to work's result only if the spec is
 * valid, and a validation error wins over work's own. A small spec is validated first, so `work`
 * never sees an invalid one; a large one is validated on a worker thread while `work` runs here
 * (then openapi-typescript may also print its own line about an unresolvable $ref).
 */
export async function validateWhile<T>(
  spec: { text: string; absolutePath: string; displayPath: string },
  work: () => Promise<T>,
  minLength = OFF_THREAD_MIN_LENGTH,
): Promise<T> {
  const { text, absolutePath, displayPath } = spec;
  if (text.length < minLength) {
    await validateSpecText(text, absolutePath, displayPath);
    return work();
  }
  const [validated, worked] = await Promise.allSettled([validateOnWorker(text, absolutePath, displayPath), work()]);
  if (validated.status === "rejected") throw validated.reason;
  if (worked.status === "rejected") throw worked.reason;
  return worked.value;
}
