import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The GraphQL schema files (`schemas/graphql/*.graphql`), found by walking up from here: this works from
 * the sources (ts-jest) and from `dist/` after the build, which leaves `schemas/` where it is.
 * QUADRANT_SCHEMAS_DIR (the `schemas` folder) overrides, as it does for the event contracts.
 */
export function graphqlSchemaDir(from: string = __dirname): string {
  const configured = process.env['QUADRANT_SCHEMAS_DIR'];
  if (configured) return join(configured, 'graphql');
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', 'graphql');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no schemas/graphql folder above ${from}; set QUADRANT_SCHEMAS_DIR`);
  }
}

export function graphqlTypePaths(from?: string): string[] {
  // The loader globs with forward slashes on every platform.
  return [join(graphqlSchemaDir(from), '*.graphql').split('\\').join('/')];
}
