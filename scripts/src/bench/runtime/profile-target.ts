/**
 * Child process that runs one call-overhead contender alone, nothing else in the process (for
 * `--cpu-prof`, and for the one-contender-per-process table). argv: <provider> <contender name>
 * <operations> [<warm-up operations>]. Prints one JSON line: CPU time (all threads) per timed call.
 */
import { modelsLabContenders, primeIntellectContenders } from "./call-contenders.js";
import { stubFetch } from "./stub-fetch.js";

const [provider, name, ops, warmup = "0"] = process.argv.slice(2);
const contenders = (provider === "modelslab" ? modelsLabContenders : primeIntellectContenders)(
  "https://api.test.local",
  stubFetch,
);
const contender = contenders.find((candidate) => candidate.name === name);
if (!contender) throw new Error(`no contender ${name} for ${provider}`);
for (let i = 0; i < Number(warmup); i++) await contender.run();
const started = process.cpuUsage();
for (let i = 0; i < Number(ops); i++) await contender.run();
const { user, system } = process.cpuUsage(started);
console.log(JSON.stringify({ cpuMicrosPerCall: (user + system) / Number(ops) }));
