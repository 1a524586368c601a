/**
 * Compares two extractions of a package's API (extract-surface.ts) and classifies every difference
 * with the rules of scripts/spec-changeset-rules.md ("The API surface"): what a caller's compile or
 * runtime can feel is major, additions are minor, documentation is a patch.
 *
 * "Narrowed" or "widened" is decided by the checker (`isTypeAssignableTo`), not by text:
 * - an input (a named method's argument) is widened when every old argument type is assignable to
 *   the new one; a field it no longer declares is still major (an object literal passing it fails the
 *   excess-property check);
 * - a result changes compatibly only by gaining fields, or by losing `null`/`undefined`; any other
 *   change is major (an enum value added or removed breaks exhaustive code or comparisons);
 * - an exported type no named method uses is judged like a result (most are read, not written).
 *
 * Limits: object shapes are compared member by member four levels deep, below that (and for unions,
 * generics, functions) by assignability of the whole type; classes with private members compare
 * nominally, so two copies of the same class from different builds can look changed (they are then
 * reported major, never missed); overloads beyond the first signature are not compared.
 */
import ts from "typescript";
import { type ApiChange, type Bump, byBump } from "./api-change.js";
import { type ApiSurface, isObjectShape, type OperationRow, structuralText, typeText } from "./extract-surface.js";

type Position = "input" | "result";

const MAX_DEPTH = 4;

function change(bump: Bump, text: string): ApiChange {
  return { bump, text };
}

function code(text: string): string {
  return `\`${text.length > 120 ? `${text.slice(0, 117)}…` : text}\``;
}

/** Every difference between two extractions, major first. */
export function diffSurfaces(checker: ts.TypeChecker, before: ApiSurface, after: ApiSurface): ApiChange[] {
  const changes: ApiChange[] = [];
  const compare = new TypeComparer(checker);
  // Types a named method takes or returns are judged through that method, by position.
  const methodTypes = new Set<string>();
  const methodNames = new Set([...before.methods.keys(), ...after.methods.keys()]);
  for (const method of [...before.methods.values(), ...after.methods.values()]) {
    for (const name of [`${capitalise(method.name)}Input`, `${capitalise(method.name)}Result`]) methodTypes.add(name);
  }

  // A dropped deprecated alias is one line (below), its deprecated types with it.
  const droppedAliasTypes = new Set<string>();
  for (const method of before.methods.values()) {
    if (method.aliasOf === undefined || after.methods.has(method.name)) continue;
    for (const suffix of ALIAS_TYPE_SUFFIXES) droppedAliasTypes.add(`${capitalise(method.name)}${suffix}`);
  }

  for (const [name, old] of before.exports) {
    const now = after.exports.get(name);
    if (!now) {
      if (droppedAliasTypes.has(name) && isDeprecated(old.docs)) continue;
      changes.push(change("major", `removed export ${code(name)} (${old.kind})`));
      continue;
    }
    if (old.kind !== now.kind) {
      changes.push(change("major", `${code(name)} is now a ${now.kind} (was a ${old.kind})`));
      continue;
    }
    if (old.text !== now.text && !methodTypes.has(name) && name !== "provider") {
      // A class is compared by its instances' members (its constructor's type is `typeof X`).
      const found =
        old.instanceType && now.instanceType
          ? compare.types(old.instanceType, now.instanceType, "result", name)
          : compare.types(old.type, now.type, "result", name);
      if (found.length === 0) changes.push(change("patch", `${code(name)}: type text changed, same meaning`));
      // The interface that declares the named methods: each method is reported below, once.
      changes.push(...found.filter((one) => !methodNames.has(/^`[^.`]+\.([^.`]+)[`.]/.exec(one.text)?.[1] ?? "")));
    } else if (!isDeprecated(old.docs) && isDeprecated(now.docs)) {
      changes.push(change("minor", `${code(name)}: deprecated`));
    } else if (old.docs !== now.docs) {
      changes.push(change("patch", `${code(name)}: documentation changed`));
    }
  }
  for (const [name, now] of after.exports) {
    if (!before.exports.has(name)) changes.push(change("minor", `new export ${code(name)} (${now.kind})`));
  }

  for (const [name, old] of before.methods) {
    const now = after.methods.get(name);
    if (!now) {
      changes.push(
        old.aliasOf === undefined
          ? change("major", `removed method ${code(`${name}()`)}`)
          : change("major", `Removed deprecated alias ${code(`${name}()`)} (use ${code(`${old.aliasOf}()`)})`),
      );
      continue;
    }
    const found: ApiChange[] = [];
    if (old.aliasOf === undefined && now.aliasOf !== undefined) {
      found.push(
        change(
          "minor",
          `${code(`${name}()`)} renamed to ${code(`${now.aliasOf}()`)}; ${code(`${name}()`)} stays as a deprecated alias`,
        ),
      );
    }
    const count = Math.max(old.parameters.length, now.parameters.length);
    for (let index = 0; index < count; index++) {
      const was = old.parameters[index];
      const is = now.parameters[index];
      const label = `${name}(${is?.name ?? was?.name})`;
      if (!is) found.push(change("major", `${code(`${name}()`)}: parameter ${code(String(was?.name))} removed`));
      else if (!was)
        found.push(
          is.optional
            ? change("minor", `${code(`${name}()`)}: new optional parameter ${code(is.name)}`)
            : change("major", `${code(`${name}()`)}: new required parameter ${code(is.name)}`),
        );
      else {
        if (was.optional && !is.optional)
          found.push(change("major", `${code(`${name}()`)}: parameter ${code(is.name)} is now required`));
        if (!was.optional && is.optional)
          found.push(change("minor", `${code(`${name}()`)}: parameter ${code(is.name)} is now optional`));
        if (was.text !== is.text) {
          found.push(
            ...compare.types(checker.getNonNullableType(was.type), checker.getNonNullableType(is.type), "input", label),
          );
        }
      }
    }
    if (old.resultWrapper !== now.resultWrapper) {
      found.push(
        change("major", `${code(`${name}()`)}: now returns ${code(now.resultText)} (was ${code(old.resultText)})`),
      );
    } else {
      found.push(...compare.types(old.result, now.result, "result", `${name}() result`));
    }
    if (found.length === 0 && !isDeprecated(old.docs) && isDeprecated(now.docs))
      found.push(change("minor", `${code(`${name}()`)}: deprecated`));
    else if (found.length === 0 && old.docs !== now.docs)
      found.push(change("patch", `${code(`${name}()`)}: documentation changed`));
    changes.push(...found);
  }
  for (const name of after.methods.keys()) {
    if (!before.methods.has(name)) changes.push(change("minor", `new method ${code(`${name}()`)}`));
  }

  changes.push(...diffTables(before, after));
  return byBump(changes);
}

/** The types a deprecated alias declares beside its method (emit/client.ts). */
const ALIAS_TYPE_SUFFIXES = ["Input", "Event", "Result", "Item"];

function isDeprecated(docs: string): boolean {
  return /^@deprecated\b/m.test(docs);
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

class TypeComparer {
  constructor(private readonly checker: ts.TypeChecker) {}

  private same(a: ts.Type, b: ts.Type): boolean {
    return this.checker.isTypeAssignableTo(a, b) && this.checker.isTypeAssignableTo(b, a);
  }

  /** The differences between two types at `position`, named by `label` (empty: same meaning). */
  types(before: ts.Type, after: ts.Type, position: Position, label: string, depth = 0): ApiChange[] {
    const { checker } = this;
    if (before === after) return [];
    if (depth < MAX_DEPTH && isObjectShape(checker, before) && isObjectShape(checker, after)) {
      // Optional members do not count for assignability ({ a } and { a; b? } are mutually
      // assignable), so shapes are compared member by member first.
      const found = this.shapes(before, after, position, label, depth);
      return found.length > 0 || this.same(before, after) ? found : [this.whole(before, after, position, label)];
    }
    // Not by text: the checker writes a type by its alias name, which a changed type keeps.
    if (this.same(before, after)) return [];
    if (
      depth < MAX_DEPTH &&
      checker.isArrayType(before) &&
      checker.isArrayType(after) &&
      (before.flags & after.flags & ts.TypeFlags.Object) !== 0
    ) {
      const [was] = checker.getTypeArguments(before as ts.TypeReference);
      const [is] = checker.getTypeArguments(after as ts.TypeReference);
      if (was && is) return this.types(was, is, position, `${label}[]`, depth + 1);
    }
    const from = code(typeText(checker, before));
    const to = code(typeText(checker, after));
    if (position === "input") {
      return checker.isTypeAssignableTo(before, after)
        ? [change("minor", `${code(label)}: input widened from ${from} to ${to}`)]
        : [change("major", `${code(label)}: input narrowed or changed from ${from} to ${to}`)];
    }
    // A result that only lost null/undefined: comparisons with null still compile.
    if (
      checker.isTypeAssignableTo(after, before) &&
      this.same(checker.getNonNullableType(before), checker.getNonNullableType(after))
    ) {
      return [change("minor", `${code(label)}: no longer null or undefined (${to})`)];
    }
    return [change("major", `${code(label)}: type changed from ${from} to ${to}`)];
  }

  private shapes(before: ts.Type, after: ts.Type, position: Position, label: string, depth: number): ApiChange[] {
    const { checker } = this;
    const changes: ApiChange[] = [];
    const afterProperties = new Map(checker.getPropertiesOfType(after).map((property) => [property.name, property]));
    const beforeNames = new Set<string>();
    for (const was of checker.getPropertiesOfType(before)) {
      beforeNames.add(was.name);
      const field = `${label}.${was.name}`;
      const is = afterProperties.get(was.name);
      if (!is) {
        changes.push(
          change(
            "major",
            position === "input" ? `${code(field)}: no longer accepted (removed)` : `${code(field)}: removed`,
          ),
        );
        continue;
      }
      const wasOptional = (was.flags & ts.SymbolFlags.Optional) !== 0;
      const isOptional = (is.flags & ts.SymbolFlags.Optional) !== 0;
      if (wasOptional !== isOptional) {
        const breaking = position === "input" ? isOptional === false : isOptional === true;
        changes.push(
          change(breaking ? "major" : "minor", `${code(field)}: now ${isOptional ? "optional" : "required"}`),
        );
      }
      changes.push(
        ...this.types(
          checker.getNonNullableType(checker.getTypeOfSymbol(was)),
          checker.getNonNullableType(checker.getTypeOfSymbol(is)),
          position,
          field,
          depth + 1,
        ),
      );
      const nullable = (type: ts.Type) =>
        (type.flags & ts.TypeFlags.Union) !== 0 && type !== checker.getNonNullableType(type);
      const wasNullable = nullable(checker.getTypeOfSymbol(was)) && !wasOptional;
      const isNullable = nullable(checker.getTypeOfSymbol(is)) && !isOptional;
      if (wasNullable !== isNullable && wasOptional === isOptional) {
        const breaking = position === "input" ? !isNullable : isNullable;
        changes.push(
          change(breaking ? "major" : "minor", `${code(field)}: ${isNullable ? "now" : "no longer"} nullable`),
        );
      }
    }
    for (const [name, is] of afterProperties) {
      if (beforeNames.has(name)) continue;
      const field = `${label}.${name}`;
      const optional = (is.flags & ts.SymbolFlags.Optional) !== 0;
      if (position === "input") {
        changes.push(
          optional
            ? change("minor", `${code(field)}: new optional field`)
            : change("major", `${code(field)}: new required field`),
        );
      } else changes.push(change("minor", `${code(field)}: new field`));
    }
    return changes;
  }

  /** Same members, different type (an index signature, a call signature): judged as a whole. */
  private whole(before: ts.Type, after: ts.Type, position: Position, label: string): ApiChange {
    const { checker } = this;
    const from = code(structuralText(checker, before));
    const to = code(structuralText(checker, after));
    const widened = position === "input" && checker.isTypeAssignableTo(before, after);
    return change(widened ? "minor" : "major", `${code(label)}: type changed from ${from} to ${to}`);
  }
}

const ROW_FIELDS: { field: keyof OperationRow; bump: (was: unknown, is: unknown) => Bump; what: string }[] = [
  { field: "method", bump: () => "major", what: "HTTP method" },
  { field: "path", bump: () => "major", what: "path" },
  { field: "serverUrl", bump: () => "major", what: "server URL" },
  { field: "authenticated", bump: () => "major", what: "sends the credential" },
  { field: "idempotent", bump: () => "minor", what: "retried after a connection failure (idempotent)" },
  // A pagination that goes away stops iteration (the result type changes too); any other change is minor.
  { field: "pagination", bump: (_was, is) => (is === undefined ? "major" : "minor"), what: "pagination" },
];

function shown(value: unknown): string {
  return value === undefined ? "none" : code(String(value));
}

/** The operation table: what the client does at runtime that the `.d.ts` of the methods cannot show. */
export function diffTables(before: ApiSurface, after: ApiSurface): ApiChange[] {
  const was = before.table;
  const is = after.table;
  if (!was || !is) return [];
  const changes: ApiChange[] = [];
  if (was.defaultBaseUrl !== is.defaultBaseUrl)
    changes.push(change("major", `default server URL ${shown(was.defaultBaseUrl)} → ${shown(is.defaultBaseUrl)}`));
  if (was.authPlacement !== is.authPlacement)
    changes.push(
      change("major", `the key is sent differently: ${shown(was.authPlacement)} → ${shown(is.authPlacement)}`),
    );
  if (was.envVar !== is.envVar)
    changes.push(change("major", `the key's environment variable ${shown(was.envVar)} → ${shown(is.envVar)}`));
  if (was.rateLimit !== is.rateLimit)
    changes.push(change("minor", `client-side rate limit ${shown(was.rateLimit)} → ${shown(is.rateLimit)}`));
  if (was.errorEnvelope !== is.errorEnvelope)
    changes.push(
      change("major", `error envelope on HTTP 200 ${shown(was.errorEnvelope)} → ${shown(is.errorEnvelope)}`),
    );
  for (const [name, row] of Object.entries(was.operations)) {
    // A renamed operation kept as a deprecated alias is compared with the row it calls now.
    const now = is.operations[name] ?? is.operations[after.methods.get(name)?.aliasOf ?? ""];
    if (!now) continue; // a removed method is reported with the methods
    for (const { field, bump, what } of ROW_FIELDS) {
      if (row[field] === now[field]) continue;
      changes.push(
        change(
          bump(row[field], now[field]),
          `${code(`${name}()`)}: ${what} ${shown(row[field])} → ${shown(now[field])}`,
        ),
      );
    }
  }
  return changes;
}
