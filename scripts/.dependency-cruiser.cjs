/**
 * Which folder of scripts/src may import which: checked by `pnpm lint` (dependency-cruiser), so an
 * upward or sideways import, or a cycle, fails CI with a line naming both files:
 *
 *   error folder-model: src/model/naming.ts → src/generate/emit/code.ts
 *
 * FOLDERS lists every folder and the folders it may import, nothing else: imports run one way,
 * from cli/ through the commands (generate/, sync/, changeset/, bench/…) down to their parts (model/,
 * spec/, shared/). A file may always import its own folder's files and packages from node_modules.
 * A new folder needs a line here (an unlisted folder fails too), and FOLDERS itself must stay acyclic:
 * this file throws when an entry would let two folders import each other.
 */

/** @type {Record<string, string[]>} folder (under src/) → the folders it may import. */
const FOLDERS = {
  shared: [],
  spec: ["shared"],
  model: ["spec", "shared"],
  "generate/emit": ["model", "spec", "shared"],
  "generate/mcp": ["generate/emit", "model", "spec", "shared"],
  generate: ["generate/emit", "generate/mcp", "model", "spec", "shared"],
  "api-diff": ["model", "spec", "shared"],
  changeset: ["api-diff", "generate", "model", "spec", "shared"],
  sync: ["spec", "shared"],
  "add-provider": ["changeset", "generate", "sync", "model", "spec", "shared"],
  live: ["spec", "shared"],
  packaging: ["shared"],
  "test-runners": ["shared"],
  workflows: ["shared"],
  "bench/shared": ["shared"],
  "bench/runtime": ["bench/shared", "shared"],
  "bench/codegen": ["bench/shared", "generate", "shared"],
  "bench/scale": ["bench/shared", "shared"],
  bench: ["bench/codegen", "bench/runtime", "bench/scale", "bench/shared", "packaging", "shared"],
  corpus: ["bench/scale", "bench/shared", "shared"],
  cli: [
    "add-provider",
    "bench",
    "changeset",
    "corpus",
    "generate",
    "live",
    "packaging",
    "sync",
    "spec",
    "test-runners",
    "workflows",
    "shared",
  ],
};

function assertAcyclic(folders) {
  const state = new Map();
  const visit = (folder, path) => {
    if (!(folder in folders)) throw new Error(`.dependency-cruiser.cjs: ${path.at(-1)} may import unknown ${folder}`);
    if (state.get(folder) === "done") return;
    if (state.get(folder) === "visiting") {
      throw new Error(`.dependency-cruiser.cjs: FOLDERS has a cycle: ${[...path, folder].join(" → ")}`);
    }
    state.set(folder, "visiting");
    for (const next of folders[folder]) visit(next, [...path, folder]);
    state.set(folder, "done");
  };
  for (const folder of Object.keys(folders)) visit(folder, []);
}
assertAcyclic(FOLDERS);

/** The files directly in `folder` (not its subfolders, which are folders of their own). */
const filesIn = (folder) => `^src/${folder.replace(/[.-]/g, "\\$&")}/[^/]+$`;

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "a cycle: the files import each other (directly or through others), so neither can be read alone",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "folder-not-listed",
      comment: "every source file lives in a folder listed in .dependency-cruiser.cjs (FOLDERS)",
      severity: "error",
      from: { path: "^src/", pathNot: Object.keys(FOLDERS).map(filesIn) },
      to: {},
    },
    {
      name: "folder-not-listed",
      comment: "every source file lives in a folder listed in .dependency-cruiser.cjs (FOLDERS)",
      severity: "error",
      from: {},
      to: { path: "^src/", pathNot: Object.keys(FOLDERS).map(filesIn) },
    },
    {
      name: "runtime-source-through-vocabulary",
      comment:
        "only src/shared/runtime-vocabulary.ts reads a package's source (packages/*/src); everything else imports it from there, or the built package",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/shared/runtime-vocabulary\\.ts$" },
      to: { path: "^\\.\\./packages/[^/]+/src/" },
    },
    ...Object.entries(FOLDERS).map(([folder, allowed]) => ({
      name: `folder-${folder.replace("/", "-")}`,
      comment: `${folder}/ may import only ${allowed.length > 0 ? allowed.map((name) => `${name}/`).join(", ") : "its own files"} (and packages)`,
      severity: "error",
      from: { path: filesIn(folder) },
      to: { path: "^src/", pathNot: [folder, ...allowed].map(filesIn) },
    })),
  ],
  options: {
    // `import type` counts: a type-only cycle still means two files that cannot be understood apart.
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
  },
};
