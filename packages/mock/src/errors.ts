/**
 * Why a mock server could not start:
 * - `UNKNOWN_PROVIDER`: no installed package for the provider name (the message says which packages
 *   were looked for, from where, and how to install one);
 * - `NO_SPEC_IN_PACKAGE`: the provider package is installed but does not ship its spec (a version from
 *   before specs were shipped);
 * - `SPEC_NOT_FOUND`: the `{ spec }` path names no file;
 * - `INVALID_SPEC`: Prism could not read an OpenAPI document with operations from the file;
 * - `PORT_IN_USE`: the `port` asked for is taken;
 * - `LISTEN_FAILED`: any other reason the server could not listen.
 */
export type MockStartErrorCode =
  | "UNKNOWN_PROVIDER"
  | "NO_SPEC_IN_PACKAGE"
  | "SPEC_NOT_FOUND"
  | "INVALID_SPEC"
  | "PORT_IN_USE"
  | "LISTEN_FAILED";

/** Thrown (as a rejection) by `startMock` when no server was started; nothing is left listening. */
export class MockStartError extends Error {
  override readonly name = "MockStartError";
  readonly code: MockStartErrorCode;

  constructor(code: MockStartErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
