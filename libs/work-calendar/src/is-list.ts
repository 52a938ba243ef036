/**
 * Array.isArray narrows a readonly array to any[], which would switch type checking off for the rest of
 * a validator; this answers the same question and leaves the declared type alone.
 */
export function isList(value: unknown): boolean {
  return Array.isArray(value);
}
