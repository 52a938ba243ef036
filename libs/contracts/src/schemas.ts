import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { EventContractViolationError, type DomainEvent, type EventValidator } from '@quadrant/event-sourcing';
import { currentVersion, domains, schemaPath, type DomainName } from './catalog';

/** The repository's `schemas/` folder: next to the sources, and next to the build output. */
export function findSchemasDir(from: string = __dirname): string {
  const configured = process.env['QUADRANT_SCHEMAS_DIR'];
  if (configured) return configured;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'schemas', 'events'))) return join(dir, 'schemas');
    if (dirname(dir) === dir) throw new Error(`no schemas/events folder above ${from}; set QUADRANT_SCHEMAS_DIR`);
  }
}

/** Compiled JSON Schemas of every event in the catalog, for producers (before append) and tests. */
export class EventContracts {
  private readonly validators = new Map<string, ValidateFunction>();

  private constructor(readonly schemasDir: string) {}

  static load(schemasDir: string = findSchemasDir()): EventContracts {
    const contracts = new EventContracts(schemasDir);
    // strictRequired off: `if/then` blocks require properties declared at the top level, which is the usual idiom.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    for (const [domain, { events }] of Object.entries(domains)) {
      for (const [name, version] of Object.entries(events)) {
        const file = join(schemasDir, schemaPath(domain, name, version));
        if (!existsSync(file)) throw new Error(`event ${domain}.${name} v${version} has no schema at ${file}`);
        contracts.validators.set(`${domain}.${name}`, ajv.compile(JSON.parse(readFileSync(file, 'utf8'))));
      }
    }
    return contracts;
  }

  /** Problems with an event's data, each naming the field; empty when it conforms. */
  problems(domain: DomainName, event: DomainEvent): string[] {
    const validate = this.validators.get(`${domain}.${event.type}`);
    if (!validate || currentVersion(domain, event.type) === undefined) return [`${domain} publishes no event type "${event.type}"`];
    if (validate(event.data)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
  }

  /** A validator for the command handler: an event that breaks its contract fails the command, unappended. */
  validatorFor(domain: DomainName): EventValidator {
    return (events) => {
      for (const event of events) {
        const problems = this.problems(domain, event);
        if (problems.length > 0) throw new EventContractViolationError(event.type, problems);
      }
    };
  }
}
