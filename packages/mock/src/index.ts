export { MockStartError, type MockStartErrorCode } from "./errors.js";
export { type MockOptions, type MockServer, type MockSource, startMock } from "./start-mock.js";
