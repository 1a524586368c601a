import { readFile } from "node:fs/promises";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) this summary reads. */
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FrameTime {
  frame: string;
  /** Share of all samples spent in this function itself, percent. */
  selfPercent: number;
  /** Share of samples with this function anywhere on the stack, percent. */
  totalPercent: number;
}

/** `…/node_modules/.pnpm/x@1/node_modules/x/dist/a.js` → `x/dist/a.js`; `packages/core/dist/transport.js` kept. */
function shortUrl(url: string): string {
  if (url === "") return "";
  const path = url.replace(/^file:\/\//, "");
  const inModules = path.lastIndexOf("/node_modules/");
  if (inModules >= 0) return path.slice(inModules + "/node_modules/".length);
  const inPackages = path.indexOf("/packages/");
  if (inPackages >= 0) return path.slice(inPackages + 1);
  return path.replace(/^node:internal\/deps\//, "node:");
}

function frameName({ functionName, url, lineNumber }: CallFrame): string {
  const where = shortUrl(url);
  return `${functionName || "(anonymous)"}${where ? ` ${where}:${lineNumber + 1}` : ""}`;
}

/** Self and inclusive time per function, heaviest (by self time) first; idle and GC frames included as V8 names them. */
export function summarizeProfile(profile: CpuProfile): FrameTime[] {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    all += delta;
    const leaf = byId.get(id);
    if (!leaf) return;
    const leafName = frameName(leaf.callFrame);
    self.set(leafName, (self.get(leafName) ?? 0) + delta);
    const seen = new Set<string>();
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) {
      const name = frameName(node.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + delta);
    }
  });
  return [...total.keys()]
    .map((frame) => ({
      frame,
      selfPercent: ((self.get(frame) ?? 0) / all) * 100,
      totalPercent: ((total.get(frame) ?? 0) / all) * 100,
    }))
    .sort((a, b) => b.selfPercent - a.selfPercent);
}

export async function readProfile(path: string): Promise<CpuProfile> {
  return JSON.parse(await readFile(path, "utf8")) as CpuProfile;
}
