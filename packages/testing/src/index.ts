export { contractFetch, nonConformingFetch, prismUrl, takeViolations, type Violation } from "./contract.js";
export { type Fault, type FaultServer, type ReceivedRequest, startFaultServer } from "./fault-server.js";
export { LIVE_ENV } from "./live-env.js";
export { checkNegativeProperty, type NegativePropertyOptions } from "./negative-property.js";
export {
  type AnyClient,
  type CallOutcome,
  callOutcome,
  capturingFetch,
  checkOperationProperty,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  FUZZ_ENV,
  fuzzSettings,
  type GeneratedCall,
  namedInput,
  type OperationPropertyOptions,
  operationCalls,
  propertyTimeout,
  rawInit,
  type SentRequest,
} from "./operation-property.js";
export { startPrismProxy } from "./prism-proxy.js";
export { type RunningPrism, startPrism } from "./prism-server.js";
export { type JsonSchema, type SchemaArbitraryOptions, schemaArbitrary } from "./schema-arbitrary.js";
export { createSchemaCheck, type SchemaCheck } from "./schema-check.js";
