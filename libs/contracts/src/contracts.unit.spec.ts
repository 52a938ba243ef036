import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, fromFile } from '@asyncapi/parser';
import { domains, schemaPath } from './catalog';
import { EventContracts, findSchemasDir } from './schemas';

const schemasDir = findSchemasDir(__dirname);

describe('event contracts', () => {
  it('has a JSON Schema that compiles for every event in the catalog', () => {
    expect(() => EventContracts.load(schemasDir)).not.toThrow();
  });

  it('has no schema file that the catalog does not publish', () => {
    const published = new Set(
      Object.entries(domains).flatMap(([domain, { events }]) => Object.entries(events).map(([name, version]) => schemaPath(domain, name, version))),
    );
    for (const domain of readdirSync(join(schemasDir, 'events'))) {
      for (const file of readdirSync(join(schemasDir, 'events', domain))) {
        const match = /^(\w+)\.v(\d+)\.json$/.exec(file);
        expect(match).not.toBeNull();
        // Older versions stay for their upcasters; the current one must be in the catalog.
        const name = match?.[1] ?? '';
        const events: Record<string, number> = (domains as Record<string, { events: Record<string, number> }>)[domain]?.events ?? {};
        expect(events[name]).toBeDefined();
        if (Number(match?.[2]) === events[name]) expect(published.has(`events/${domain}/${file}`)).toBe(true);
      }
    }
  });

  it('names the field at fault when data breaks its contract', () => {
    const contracts = EventContracts.load(schemasDir);
    const problems = contracts.problems('production', {
      type: 'WorkUnitStateChanged',
      data: { workUnitId: 'press-1', state: 'Down', previousState: 'Running', since: 'yesterday', path: ['press-1'] },
    });
    expect(problems.join('\n')).toMatch(/\/since must match format "date-time"/);
    expect(problems.join('\n')).toMatch(/reasonCode/);
  });

  it('refuses an event type the domain does not publish', () => {
    expect(EventContracts.load(schemasDir).problems('production', { type: 'Nonsense', data: {} })).toEqual(['production publishes no event type "Nonsense"']);
  });
});

describe('the AsyncAPI document', () => {
  const file = join(schemasDir, 'asyncapi.yaml');

  it('is a valid AsyncAPI 3 document', async () => {
    const { document, diagnostics } = await fromFile(new Parser(), file).parse();
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('documents every topic and every current event of the catalog', async () => {
    const { document } = await fromFile(new Parser(), file).parse();
    for (const { topic, events } of Object.values(domains)) {
      const channel = document?.channels().all().find((candidate) => candidate.address() === topic);
      expect(channel).toBeDefined();
      const messages = channel?.messages().all().map((message) => message.name()) ?? [];
      expect(messages.sort()).toEqual(Object.keys(events).sort());
    }
    expect(readFileSync(file, 'utf8')).toContain('ce_id');
  });
});
