import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { repoRoot } from "../src/shared/repo-paths.js";
import { SpecError } from "../src/shared/spec-error.js";
import { validateSpecText } from "../src/spec/load-spec.js";
import { validateWhile } from "../src/spec/validate-off-thread.js";

const absolutePath = join(repoRoot, "specs/primeintellect.yaml");
const displayPath = "specs/primeintellect.yaml";
const ON_A_WORKER = 0; // minimum size for the worker thread: every spec goes to one

async function specText(valid: boolean): Promise<string> {
  const text = await readFile(absolutePath, "utf8");
  return valid ? text : text.replace("          in: path\n", "          in: body\n");
}

describe("validateWhile: validation beside the compile", () => {
  it("on a worker: a valid spec resolves to the work's result", async () => {
    const text = await specText(true);
    await expect(validateWhile({ text, absolutePath, displayPath }, async () => "types", ON_A_WORKER)).resolves.toBe(
      "types",
    );
  });

  it("on a worker: an invalid spec rejects with the same SpecError as validating in place, though the work succeeded", async () => {
    const text = await specText(false);
    const inPlace = (await validateSpecText(text, absolutePath, displayPath).catch(
      (error: unknown) => error,
    )) as SpecError;
    const work = vi.fn(async () => "types");
    const offThread = await validateWhile({ text, absolutePath, displayPath }, work, ON_A_WORKER).catch(
      (error: unknown) => error,
    );
    expect(work).toHaveBeenCalled();
    expect(inPlace).toBeInstanceOf(SpecError);
    expect(offThread).toBeInstanceOf(SpecError);
    const { file, problem, line, column, message } = offThread as SpecError;
    expect({ file, problem, line, column, message }).toEqual({
      file: inPlace.file,
      problem: inPlace.problem,
      line: inPlace.line,
      column: inPlace.column,
      message: inPlace.message,
    });
    expect(message).toMatch(/^specs\/primeintellect\.yaml:\d+:\d+: invalid OpenAPI/);
  });

  it("on a worker: a validation error wins over the work's own", async () => {
    const text = await specText(false);
    const failure = await validateWhile(
      { text, absolutePath, displayPath },
      async () => {
        throw new Error("openapi-typescript choked");
      },
      ON_A_WORKER,
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SpecError);
  });

  it("in place (a small spec): the work never sees an invalid spec", async () => {
    const text = await specText(false);
    const work = vi.fn(async () => "types");
    await expect(validateWhile({ text, absolutePath, displayPath }, work)).rejects.toBeInstanceOf(SpecError);
    expect(work).not.toHaveBeenCalled();
  });
});
