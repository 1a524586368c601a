/** Words that cannot name a variable, a type or a parameter in strict-mode TypeScript. */
const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await any boolean never number object " +
    "string symbol undefined unknown bigint arguments eval"
  ).split(" "),
);

/** Whether `name` is one of RESERVED_WORDS: such a name must not become an identifier in generated code. */
export function isReservedWord(name: string): boolean {
  return RESERVED_WORDS.has(name);
}
