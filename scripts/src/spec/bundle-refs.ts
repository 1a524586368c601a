import { dirname, isAbsolute, relative } from "node:path";
import { BaseResolver, bundleFromString, createConfig, type Source } from "@redocly/openapi-core";
import { displayPath } from "../shared/repo-paths.js";
import { SpecError } from "../shared/spec-error.js";
import { collectRefs, refPosition } from "./spec-refs.js";
import { toSpecYaml } from "./spec-yaml.js";

/**
 * Reads what a document's external `$ref`s point at, under the vendoring policy: files beside the
 * source document (its folder or below), and URLs only when the maintainer allows them.
 */
class PolicyResolver extends BaseResolver {
  constructor(
    private readonly folder: string,
    private readonly allowRemote: boolean,
  ) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (/^https?:/i.test(absoluteRef)) {
      if (!this.allowRemote) throw new Error("is a network ref; pass --allow-remote-refs to fetch and bundle it");
    } else {
      const inside = relative(this.folder, absoluteRef);
      if (inside.startsWith("..") || isAbsolute(inside)) {
        throw new Error(`is outside ${this.folder}; only files beside the spec are bundled`);
      }
    }
    return super.loadExternalRef(absoluteRef);
  }
}

/**
 * A document with external `$ref`s, made self-contained: what they point at is bundled into it
 * (Redocly's bundler, refs kept, targets copied under `components`), so the vendored file and its
 * digest cover everything generate will read. Returns YAML; refuses with the file, position and ref.
 */
export async function bundleExternalRefs(
  text: string,
  document: object,
  sourcePath: string,
  { allowRemoteRefs }: { allowRemoteRefs: boolean },
): Promise<string> {
  const external = collectRefs(document).filter(({ ref }) => !ref.startsWith("#"));
  const { bundle, problems } = await bundleFromString({
    source: text,
    absoluteRef: sourcePath,
    config: await createConfig({ extends: [], rules: {} } as Parameters<typeof createConfig>[0]),
    externalRefResolver: new PolicyResolver(dirname(sourcePath), allowRemoteRefs),
    dereference: false,
  });
  const failure = problems.find((problem) => problem.severity === "error");
  if (failure) {
    // The problem points at the $ref it could not resolve (…/schema/$ref); name that ref.
    const pointer = failure.location[0]?.pointer ?? "";
    const ref = external.find((candidate) => pointer.startsWith(candidate.pointer)) ?? external[0];
    const position = ref ? refPosition(text, ref.ref) : undefined;
    const what = ref ? `$ref ${JSON.stringify(ref.ref)}` : "a $ref";
    const reason = failure.message.replace(/^Can't resolve \$ref:?\s*/, "");
    throw new SpecError(displayPath(sourcePath), `${what} ${reason}`, position?.line, position?.column);
  }
  return toSpecYaml(bundle.parsed as object);
}
