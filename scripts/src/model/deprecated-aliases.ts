/**
 * Deprecated aliases: when an operation keeps its method and path but its generated name changes (an
 * operationId renamed upstream, a naming rule changed), the old name stays on the client as a
 * `@deprecated` alias of the new method, typed the same, so the rename is an addition rather than a
 * break. The aliases live in provider.config.json (`deprecatedAliases`, keyed by the old name, the
 * operation named by `METHOD /path`), so they survive regenerations; `pnpm changeset:api` adds them.
 */

import { SpecError } from "../shared/spec-error.js";
import type { DeprecatedAliasConfig, ProviderConfig } from "../spec/provider-config.js";
import { isReservedMethodName, pascalCase } from "./naming.js";

/** What an alias needs of an operation (provider-model.ts's OperationModel has it). */
export interface AliasTarget {
  name: string;
  method: string;
  path: string;
  operationId?: string | undefined;
}

export interface DeprecatedAlias<Target extends AliasTarget = AliasTarget> {
  /** The old method name, kept on the client. */
  name: string;
  /** The operation it calls: `operation.name` is the name to use instead. */
  operation: Target;
  /** The operationId the operation had, kept as a deprecated key of the exported `operations` type. */
  operationId?: string | undefined;
}

/** `POST /delete_image`: how the config names an operation (as `upstream.keep` does). */
export function endpointOf(operation: { method: string; path: string }): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/**
 * The config's aliases, each resolved to its operation. Throws a SpecError naming the alias and what
 * to do for one that names an operation the spec does not have, is a reserved name, or clashes with a
 * method, a generated type or an operationId the package has now.
 */
export function resolveDeprecatedAliases<Target extends AliasTarget>(
  config: ProviderConfig,
  operations: readonly Target[],
  specFile: string,
): DeprecatedAlias<Target>[] {
  const entries = Object.entries(config.deprecatedAliases ?? {});
  const fail = (name: string, problem: string): never => {
    throw new SpecError(specFile, `provider config's deprecated alias "${name}" ${problem}`);
  };
  // Each name owns its `<Name>Input`/`<Name>Result` types: names equal after PascalCase clash there.
  const typeOwners = new Map(operations.map((operation) => [pascalCase(operation.name), operation]));
  const resolved: DeprecatedAlias<Target>[] = [];
  for (const [name, alias] of entries) {
    const target = aliasTarget(alias, operations);
    if (isReservedMethodName(name)) {
      fail(name, "is a name no method may take (a client member, an Object property or a reserved word); remove it");
    }
    if (!target) {
      fail(
        name,
        `calls ${alias.operation}, which the spec does not have; point "operation" at its new "METHOD /path", or remove the alias (a breaking change)`,
      );
    }
    const operation = target as Target;
    if (operation.name === name) fail(name, `is the current name of ${alias.operation} again; remove the alias`);
    const owner = operations.find((candidate) => candidate.name === name) ?? typeOwners.get(pascalCase(name));
    if (owner) {
      fail(
        name,
        `clashes with ${owner.name}() (${endpointOf(owner)}), a method the spec names now; remove the alias (a breaking change)`,
      );
    }
    const twin = resolved.find((other) => pascalCase(other.name) === pascalCase(name));
    if (twin) fail(name, `and "${twin.name}" would both declare ${pascalCase(name)}Input; keep one`);
    if (alias.operationId !== undefined) {
      const holder = operations.find((candidate) => candidate.operationId === alias.operationId);
      if (holder) {
        fail(
          name,
          `keeps operationId "${alias.operationId}", which ${endpointOf(holder)} has now; remove its "operationId"`,
        );
      }
    }
    resolved.push({ name, operation, ...(alias.operationId !== undefined ? { operationId: alias.operationId } : {}) });
  }
  return resolved.sort((a, b) => a.name.localeCompare(b.name));
}

function aliasTarget<Target extends AliasTarget>(
  alias: DeprecatedAliasConfig,
  operations: readonly Target[],
): Target | undefined {
  return operations.find((operation) => endpointOf(operation) === alias.operation);
}
