/**
 * Child process for `--cpu-prof`: runs one call-overhead contender back to back, nothing else, so
 * the profile shows that contender's frames only. argv: <provider> <contender name> <operations>.
 */
import { modelsLabContenders, primeIntellectContenders } from "./call-contenders.js";
import { stubFetch } from "./stub-fetch.js";

const [provider, name, ops] = process.argv.slice(2);
const contenders = (provider === "modelslab" ? modelsLabContenders : primeIntellectContenders)(
  "https://api.test.local",
  stubFetch,
);
const contender = contenders.find((candidate) => candidate.name === name);
if (!contender) throw new Error(`no contender ${name} for ${provider}`);
for (let i = 0; i < Number(ops); i++) await contender.run();
