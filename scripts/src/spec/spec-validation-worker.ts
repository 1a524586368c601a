/**
 * Worker-thread entry of `validateSpecOffThread`: validates one spec and posts back either nothing
 * (valid) or the SpecError's parts, which the main thread turns back into a SpecError.
 */
import { parentPort, workerData } from "node:worker_threads";
import { SpecError } from "../shared/spec-error.js";
import { validateSpecText } from "./load-spec.js";

export interface ValidationRequest {
  text: string;
  absolutePath: string;
  displayPath: string;
}

export type ValidationReply =
  | { valid: true }
  | { valid: false; specError: { file: string; problem: string; line?: number; column?: number } }
  | { valid: false; crash: string };

const { text, absolutePath, displayPath } = workerData as ValidationRequest;
let reply: ValidationReply;
try {
  await validateSpecText(text, absolutePath, displayPath);
  reply = { valid: true };
} catch (error) {
  reply =
    error instanceof SpecError
      ? {
          valid: false,
          specError: { file: error.file, problem: error.problem, line: error.line, column: error.column },
        }
      : { valid: false, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort?.postMessage(reply);
