export { contractFetch, nonConformingFetch, prismUrl, takeViolations, type Violation } from "./contract.js";
export { type Fault, type FaultServer, type ReceivedRequest, startFaultServer } from "./fault-server.js";
export { LIVE_ENV } from "./live-env.js";
export { startPrismProxy } from "./prism-proxy.js";
export { type RunningPrism, startPrism } from "./prism-server.js";
