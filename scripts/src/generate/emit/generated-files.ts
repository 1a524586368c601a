/** What generation produces for one package, in memory: relative path inside the package → file content. */
export type GeneratedFiles = Map<string, string>;
