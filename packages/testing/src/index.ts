export { contractFetch, nonConformingFetch, prismUrl, takeViolations, type Violation } from "./contract.js";
export { type RunningPrism, startPrism } from "./prism-server.js";
