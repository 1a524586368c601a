/**
 * Which operation Prism (5.x) answers a request with, so a contract test that Prism would route to
 * another operation is skipped with its reason instead of failing. Prism's router matches a
 * templated segment with an unanchored pattern (`{id}:subscribe` also matches `x:subscribeClients`),
 * scores candidates by leading segments (+1 literal, +0.5 templated), and among equal scores takes
 * the one declared last.
 */

export interface RoutedOperation {
  method: string;
  path: string;
}

const TEMPLATED = /\{.+\}/;
/** A value for every path parameter: any text without the other templates' literal parts will do. */
const PLACEHOLDER = "x";

function segmentMatches(template: string, segment: string): boolean {
  if (!TEMPLATED.test(template)) return template === segment;
  const literalParts = template.split(/\{[^{}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(literalParts.join("(.*)")).test(segment);
}

function matches(template: string, requestPath: string): boolean {
  const templateSegments = template.split("/");
  const requestSegments = requestPath.split("/");
  return (
    templateSegments.length === requestSegments.length &&
    templateSegments.every((segment, index) => segmentMatches(segment, requestSegments[index] as string))
  );
}

function score(template: string, requestPath: string): number {
  const requestSegments = requestPath.split("/");
  let total = 0;
  for (const [index, segment] of template.split("/").entries()) {
    if (segment === requestSegments[index]) total += 1;
    else if (TEMPLATED.test(segment)) total += 0.5;
    else break;
  }
  return total;
}

/**
 * The operation Prism picks for a request to `operation`'s path (parameters filled with a
 * placeholder), when it is another one; undefined when Prism routes it to `operation` itself.
 */
export function prismRoutesElsewhere(
  operation: RoutedOperation,
  operations: readonly RoutedOperation[],
): RoutedOperation | undefined {
  const requestPath = operation.path.replace(/\{[^{}]+\}/g, PLACEHOLDER);
  const candidates = operations
    .map((candidate, order) => ({ candidate, order, score: score(candidate.path, requestPath) }))
    .filter(({ candidate }) => candidate.method === operation.method && matches(candidate.path, requestPath))
    // Highest score first; among equal scores the one declared last (Prism reverses a stable sort).
    .sort((a, b) => b.score - a.score || b.order - a.order);
  const concrete = candidates.find(({ candidate }) => !TEMPLATED.test(candidate.path));
  const chosen = (concrete ?? candidates[0])?.candidate;
  return chosen === undefined || chosen.path === operation.path ? undefined : chosen;
}
