import * as fc from "fast-check";

/** A JSON Schema (OpenAPI 3.0 or 3.1 flavour) as read from a spec: an object, or `true`/`false`. */
export type JsonSchema = boolean | { [keyword: string]: unknown };

export interface SchemaArbitraryOptions {
  /** The document local `$ref`s (`#/components/schemas/X`) point into. */
  root?: unknown;
  /**
   * Whether a value is valid against a schema. With it, `oneOf` values that match more than one
   * branch are dropped (JSON Schema's "exactly one"); without it, each branch is trusted.
   */
  accepts?: (schema: JsonSchema, value: unknown) => boolean;
  /** Upper bound on generated string lengths above `minLength` (default 12), and array lengths above `minItems` (default 4). */
  maxExtraLength?: number;
  maxExtraItems?: number;
}

type Schema = { [keyword: string]: unknown };

/**
 * Code points that need percent-encoding in a URL or escaping in JSON, or that URL parsers and
 * servers treat specially. Strings are drawn from these about half the time, so every run mixes them in.
 */
const AWKWARD = [
  " ",
  "/",
  "?",
  "#",
  "%",
  "&",
  "=",
  "+",
  ";",
  ",",
  ".",
  ":",
  "@",
  "[",
  "]",
  "\\",
  '"',
  "'",
  "\t",
  "ü",
  "é",
  "日",
  "𝄞",
  "😀",
  "\u00a0",
  "\u200b",
];

const awkwardUnit = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...AWKWARD) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
);

function resolveRef(root: unknown, ref: string): JsonSchema {
  if (!ref.startsWith("#")) throw new Error(`schemaArbitrary: only local $refs are supported, not ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = typeof node === "object" && node !== null ? (node as Schema)[key] : undefined;
  }
  if (node === undefined) throw new Error(`schemaArbitrary: $ref ${ref} names nothing`);
  return node as JsonSchema;
}

/** Code points, as JSON Schema (and ajv) count a string's length. */
const codePoints = (text: string) => [...text].length;

function numberBounds(schema: Schema): { min?: number; max?: number; minExcluded: boolean; maxExcluded: boolean } {
  // 3.1: exclusiveMinimum is the bound; 3.0: a boolean beside minimum.
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  const bounds = { minExcluded: false, maxExcluded: false } as ReturnType<typeof numberBounds>;
  if (typeof minimum === "number") bounds.min = minimum;
  if (typeof exclusiveMinimum === "number" && (bounds.min === undefined || exclusiveMinimum >= bounds.min)) {
    bounds.min = exclusiveMinimum;
    bounds.minExcluded = true;
  } else if (exclusiveMinimum === true) bounds.minExcluded = true;
  if (typeof maximum === "number") bounds.max = maximum;
  if (typeof exclusiveMaximum === "number" && (bounds.max === undefined || exclusiveMaximum <= bounds.max)) {
    bounds.max = exclusiveMaximum;
    bounds.maxExcluded = true;
  } else if (exclusiveMaximum === true) bounds.maxExcluded = true;
  return bounds;
}

function integerArbitrary(schema: Schema): fc.Arbitrary<number> {
  const { min, max, minExcluded, maxExcluded } = numberBounds(schema);
  const low = min === undefined ? -(2 ** 31) : minExcluded ? Math.floor(min) + 1 : Math.ceil(min);
  const high = max === undefined ? 2 ** 31 - 1 : maxExcluded ? Math.ceil(max) - 1 : Math.floor(max);
  const step = typeof schema.multipleOf === "number" && Number.isInteger(schema.multipleOf) ? schema.multipleOf : 1;
  if (step === 1) return fc.integer({ min: low, max: high });
  const first = Math.ceil(low / step);
  return fc.integer({ min: first, max: Math.floor(high / step) }).map((n) => n * step);
}

function numberArbitrary(schema: Schema): fc.Arbitrary<number> {
  if (typeof schema.multipleOf === "number") return integerArbitrary(schema);
  const { min, max, minExcluded, maxExcluded } = numberBounds(schema);
  return fc.double({
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    minExcluded,
    maxExcluded,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  "date-time": () =>
    fc
      .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
      .map((date) => date.toISOString()),
  date: () =>
    fc
      .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10)),
  uuid: () => fc.uuid(),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl({ withQueryParameters: true, withFragments: true }),
  url: () => fc.webUrl(),
  hostname: () => fc.domain(),
  ipv4: () => fc.ipV4(),
  ipv6: () => fc.ipV6(),
  byte: () => fc.uint8Array({ maxLength: 24 }).map((bytes) => Buffer.from(bytes).toString("base64")),
};

/** A regex source with its lookahead and lookbehind groups removed (they only narrow what it matches). */
function withoutLookarounds(source: string): string {
  let kept = "";
  for (let index = 0; index < source.length; index++) {
    const lookaround = /^\(\?<?[=!]/.exec(source.slice(index));
    if (!lookaround) {
      const escaped = source[index] === "\\";
      kept += source.slice(index, index + (escaped ? 2 : 1));
      if (escaped) index++;
      continue;
    }
    // Skip to the group's closing parenthesis, past escapes, classes and nested groups.
    let depth = 0;
    let inClass = false;
    for (; index < source.length; index++) {
      const char = source[index];
      if (char === "\\") index++;
      else if (inClass) inClass = char !== "]";
      else if (char === "[") inClass = true;
      else if (char === "(") depth++;
      else if (char === ")" && --depth === 0) break;
    }
  }
  return kept;
}

// One-character atoms: a class `[a-f0-9]`, an escape `\d`, `.` or a literal; then an optional quantifier.
const ATOM = /(\[(?:\\.|[^\]\\])*\]|\\.|[^\\[\](){}*+?|^$])(\+|\*|\?|\{(\d+)(?:(,)(\d*))?\})?/y;

/**
 * A pattern of one-character atoms whose last one repeats (`^[0-9a-fA-F]+$`, `^v[0-9]*$`), with that
 * repetition bounded by the schema's lengths: fast-check makes `+` short, and filtering for GitHub's
 * 40-character commit SHA never ends. Undefined for any other pattern, or lengths it cannot meet.
 */
export function lengthBoundedPattern(pattern: string, minLength: number, maxLength: number): string | undefined {
  if (!pattern.startsWith("^") || !pattern.endsWith("$") || pattern.endsWith("\\$")) return undefined;
  const body = pattern.slice(1, -1);
  const atoms: { atom: string; min: number; max: number }[] = [];
  ATOM.lastIndex = 0;
  while (ATOM.lastIndex < body.length) {
    const match = ATOM.exec(body);
    if (!match) return undefined;
    const [, atom = "", quantifier, from, comma, to] = match;
    const min = quantifier === undefined || quantifier === "+" ? 1 : from === undefined ? 0 : Number(from);
    const max =
      quantifier === undefined || quantifier === "?"
        ? 1
        : quantifier === "+" || quantifier === "*" || (comma && to === "")
          ? Infinity
          : Number(to ?? from);
    atoms.push({ atom, min, max });
  }
  const last = atoms.pop();
  if (!last || last.max !== Infinity || atoms.some((atom) => atom.min !== atom.max)) return undefined;
  const prefix = atoms.reduce((length, atom) => length + atom.min, 0);
  const low = Math.max(last.min, minLength - prefix);
  const high = maxLength - prefix;
  if (low > high) return undefined;
  return `^${atoms.map((atom) => (atom.min === 1 ? atom.atom : `${atom.atom}{${atom.min}}`)).join("")}${last.atom}{${low},${high}}$`;
}

function stringArbitrary(schema: Schema, extra: number): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const declaredMax = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  // Patterns and formats bring their own length; only a declared maxLength bounds them.
  const fits = (text: string) => codePoints(text) >= minLength && codePoints(text) <= (declaredMax ?? Infinity);
  const maxLength = declaredMax ?? minLength + extra;
  if (typeof schema.pattern === "string") {
    const pattern = new RegExp(schema.pattern, "u");
    // fast-check cannot generate from lookarounds (VPC Lattice's `^(?!rule-)(?!.*[-]$)[a-z0-9-]+$`):
    // generate from the pattern without them, and keep what the whole pattern accepts.
    const generated = withoutLookarounds(schema.pattern);
    if (generated === schema.pattern) {
      const bounded =
        minLength > 0 || declaredMax !== undefined ? lengthBoundedPattern(generated, minLength, maxLength) : undefined;
      return fc.stringMatching(bounded === undefined ? pattern : new RegExp(bounded, "u")).filter(fits);
    }
    return fc.stringMatching(new RegExp(generated, "u")).filter((text) => pattern.test(text) && fits(text));
  }
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  // Unknown formats are ignored by Prism's validator (ajv-formats plus `strict: false`), so any string is valid.
  if (format) return format().filter(fits);
  return fc.string({ unit: awkwardUnit, minLength, maxLength });
}

function arrayArbitrary(schema: Schema, recurse: (schema: JsonSchema) => fc.Arbitrary<unknown>, extra: number) {
  const minLength = typeof schema.minItems === "number" ? schema.minItems : 0;
  const maxLength = typeof schema.maxItems === "number" ? schema.maxItems : minLength + extra;
  const items = recurse((schema.items as JsonSchema | undefined) ?? true);
  if (schema.uniqueItems === true) {
    return fc.uniqueArray(items, { minLength, maxLength, selector: (value) => JSON.stringify(value) });
  }
  return fc.array(items, { minLength, maxLength });
}

function objectArbitrary(schema: Schema, recurse: (schema: JsonSchema) => fc.Arbitrary<unknown>) {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = recurse(property);
  // A required name without a property schema: any value.
  for (const name of required) model[name] ??= recurse(true);
  const named = fc.record(model, { requiredKeys: [...required] }) as fc.Arbitrary<Record<string, unknown>>;
  // Extra properties only where the schema describes them (a schema, or `true` written out): absent
  // `additionalProperties` allows anything, but callers' inputs are about the named fields.
  const additional = schema.additionalProperties;
  if (additional === undefined || additional === false) return named;
  const key = fc.string({ unit: awkwardUnit, minLength: 1, maxLength: 8 }).filter((name) => !(name in model));
  const extras = fc.dictionary(key, recurse(additional as JsonSchema), { maxKeys: 2 });
  return fc.tuple(named, extras).map(([fields, more]) => ({ ...more, ...fields }));
}

/** Every JSON type a schema without `type` may still be, guessed from its keywords. */
function impliedTypes(schema: Schema): string[] {
  if (schema.properties || schema.required || schema.additionalProperties !== undefined) return ["object"];
  if (schema.items || schema.minItems !== undefined || schema.maxItems !== undefined) return ["array"];
  if (schema.minLength !== undefined || schema.maxLength !== undefined || schema.pattern || schema.format)
    return ["string"];
  if (schema.minimum !== undefined || schema.maximum !== undefined || schema.multipleOf !== undefined)
    return ["number"];
  return [];
}

/** Merges `allOf` branches into one schema: properties and `required` united, the tighter of each bound. */
function mergeAll(schemas: Schema[]): Schema {
  const merged: Schema = {};
  for (const schema of schemas) {
    for (const [keyword, value] of Object.entries(schema)) {
      const seen = merged[keyword];
      if (seen === undefined) merged[keyword] = value;
      else if (keyword === "properties") {
        const both = { ...(seen as Schema) };
        for (const [name, property] of Object.entries(value as Schema)) {
          both[name] = name in both ? { allOf: [both[name], property] } : property;
        }
        merged.properties = both;
      } else if (keyword === "required")
        merged.required = [...new Set([...(seen as string[]), ...(value as string[])])];
      else if (/^(minimum|minLength|minItems|exclusiveMinimum)$/.test(keyword))
        merged[keyword] = Math.max(seen as number, value as number);
      else if (/^(maximum|maxLength|maxItems|exclusiveMaximum)$/.test(keyword))
        merged[keyword] = Math.min(seen as number, value as number);
      else if (keyword === "additionalProperties" && value === false) merged[keyword] = false;
      else if (keyword === "allOf") merged.allOf = [...(seen as unknown[]), ...(value as unknown[])];
      else merged[keyword] = value;
    }
  }
  return merged;
}

/**
 * A fast-check arbitrary of values valid against a JSON Schema: `type` (one, or several as in 3.1's
 * `["string", "null"]`), 3.0's `nullable`, `enum`/`const`, string lengths, `pattern` and formats,
 * numeric bounds and `multipleOf`, arrays (`minItems`/`maxItems`/`uniqueItems`), objects with required
 * and optional properties and `additionalProperties`, `allOf` (merged), `anyOf` and `oneOf` (one
 * branch each, with the schema's other keywords), local `$ref`s. Plain strings mix in characters that
 * need encoding (space, `/`, `?`, `#`, `%`, quotes, non-ASCII, astral) and are empty where allowed.
 */
export function schemaArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const extraLength = options.maxExtraLength ?? 12;
  const extraItems = options.maxExtraItems ?? 4;
  const seen = new Map<unknown, fc.Arbitrary<unknown>>();

  const build = (node: JsonSchema): fc.Arbitrary<unknown> => {
    if (node === true) return fc.jsonValue();
    if (node === false) throw new Error("schemaArbitrary: the schema `false` has no valid value");
    const cached = seen.get(node);
    if (cached) return cached;
    // Recursive schemas: the arbitrary is looked up lazily, so a $ref cycle is only followed as deep as generated.
    const lazy = fc.constant(null).chain(() => seen.get(node) as fc.Arbitrary<unknown>);
    seen.set(node, lazy);
    const built = buildNode(node);
    seen.set(node, built);
    return built;
  };

  const buildNode = (schema: Schema): fc.Arbitrary<unknown> => {
    if (typeof schema.$ref === "string") {
      const { $ref, ...siblings } = schema;
      const target = resolveRef(options.root, $ref);
      return Object.keys(siblings).length === 0 || typeof target === "boolean"
        ? build(target)
        : build({ allOf: [target, siblings] });
    }
    // OpenAPI 3.0's `nullable` counts only beside a `type`, as Prism (http-spec) converts it: not on a bare
    // `oneOf` (GitHub's issue `milestone`, whose branches are a string and an integer).
    const nullable = schema.nullable === true && typeof schema.type === "string";
    const withNull = (arbitrary: fc.Arbitrary<unknown>) =>
      nullable ? fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.constant(null) }) : arbitrary;
    if ("const" in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) {
      return fc.constantFrom(...(nullable && !schema.enum.includes(null) ? [...schema.enum, null] : schema.enum));
    }
    if (Array.isArray(schema.allOf)) {
      const { allOf, ...rest } = schema;
      const parts = (allOf as JsonSchema[]).map((part) => {
        const resolved =
          typeof part === "object" && typeof part.$ref === "string" ? resolveRef(options.root, part.$ref) : part;
        if (typeof resolved === "boolean")
          throw new Error("schemaArbitrary: boolean schemas inside allOf are not supported");
        return resolved;
      });
      // Nested allOfs (a $ref'd part that is itself an allOf) are merged on the next pass.
      return build(mergeAll([rest, ...parts]));
    }
    for (const keyword of ["anyOf", "oneOf"] as const) {
      const branches = schema[keyword];
      if (!Array.isArray(branches)) continue;
      const { [keyword]: _, ...rest } = schema;
      // A `nullable` that does not count here (no `type`) does not count in the branches it is merged into either.
      if (!nullable) delete rest.nullable;
      const arbitraries = (branches as JsonSchema[]).map((branch) =>
        build(Object.keys(rest).length === 0 ? branch : { allOf: [rest, branch] }),
      );
      const any = fc.oneof(...arbitraries);
      const { accepts } = options;
      if (keyword === "oneOf" && accepts) {
        const only = (value: unknown) => branches.filter((branch) => accepts(branch as JsonSchema, value)).length === 1;
        return withNull(any.filter(only));
      }
      return withNull(any);
    }
    const types = Array.isArray(schema.type)
      ? (schema.type as string[])
      : typeof schema.type === "string"
        ? [schema.type]
        : impliedTypes(schema);
    if (types.length === 0) return withNull(fc.jsonValue());
    const arbitraries = types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case "null":
          return fc.constant(null);
        case "boolean":
          return fc.boolean();
        case "integer":
          return integerArbitrary(schema);
        case "number":
          return numberArbitrary(schema);
        case "string":
          return stringArbitrary(schema, extraLength);
        case "array":
          return arrayArbitrary(schema, build, extraItems);
        case "object":
          return objectArbitrary(schema, build);
        default:
          throw new Error(`schemaArbitrary: unknown type ${JSON.stringify(type)}`);
      }
    });
    return withNull(arbitraries.length === 1 ? (arbitraries[0] as fc.Arbitrary<unknown>) : fc.oneof(...arbitraries));
  };

  return build(schema);
}
