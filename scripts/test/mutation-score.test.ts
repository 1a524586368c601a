import { describe, expect, it } from "vitest";
import { mutationScore } from "../src/test-runners/run-mutation.js";

const mutants = (...statuses: string[]) => statuses.map((status) => ({ status }));

describe("mutationScore", () => {
  it("scores as Stryker does: detected (killed + timeout) over valid (+ survived + no coverage)", () => {
    const score = mutationScore({
      files: {
        "src/a.ts": { mutants: mutants("Killed", "Killed", "Timeout", "Survived", "CompileError") },
        "src/b.ts": { mutants: mutants("NoCoverage", "Killed", "Ignored", "RuntimeError") },
      },
    });
    expect(score).toEqual({
      killed: 3,
      timeout: 1,
      survived: 1,
      noCoverage: 1,
      errors: 2,
      ignored: 1,
      score: (100 * 4) / 6,
    });
  });

  it("is 0 with no valid mutant", () => {
    expect(mutationScore({ files: { "src/a.ts": { mutants: mutants("Ignored") } } }).score).toBe(0);
  });
});
