import { randomUUID } from 'node:crypto';
import type { OperationPlacement, WorkScheduleRevised } from '@quadrant/contracts';
import { freePort, ServiceProcess } from '@quadrant/platform';
import { defineMachiningLine, testDatabaseUrl, testKafkaBrokers, uniqueSchema } from '@quadrant/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

type Revision = WorkScheduleRevised['data'] & { eventId: string; causationId: string | undefined };

/**
 * The first closed loop, across processes: a work unit breaks down (a planner's GraphQL mutation through the
 * gateway), the production service revises the site's schedule on its own, and the revision reaches Kafka
 * with the breakdown as its causation and nothing scheduled on the broken unit during its expected outage.
 * The schedule is rebuilt here from the Kafka messages alone, by an independent reader.
 */
describe('closed loop: a breakdown revises the schedule, on Kafka', () => {
  const prefix = `${uniqueSchema('loop')}_`;
  let production: ServiceProcess;
  let gateway: ServiceProcess;
  let reader: Consumer;
  const revisions: Revision[] = [];

  async function rest(path: string, body: unknown = {}): Promise<void> {
    const response = await fetch(`${production.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  }
  async function graphql<Data>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: Data | null; errors?: { message: string }[] }> {
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: Data | null; errors?: { message: string }[] };
  }
  async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  /** The schedule as the revisions on Kafka leave it: each revision's moves, in revision order. */
  function scheduleFromKafka(): Map<string, OperationPlacement> {
    const schedule = new Map<string, OperationPlacement>();
    for (const revision of [...revisions].sort((a, b) => a.revision - b.revision)) {
      for (const move of revision.moved) {
        const key = `${move.jobOrderId}/${move.segmentId}`;
        if (move.to) schedule.set(key, move.to);
        else schedule.delete(key);
      }
    }
    return schedule;
  }

  beforeAll(async () => {
    const env = { DATABASE_URL: testDatabaseUrl(), KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_NAMESPACE: `${prefix}.`, QUADRANT_SCHEMA_PREFIX: prefix };
    production = new ServiceProcess('production', 'dist/services/production/src/main.js', await freePort(), env);
    await production.start();
    gateway = new ServiceProcess('gateway', 'dist/services/gateway/src/main.js', await freePort(), { ...env, PRODUCTION_URL: production.url });
    await gateway.start();

    const kafka = new Kafka({ clientId: 'closed-loop-reader', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
    reader = kafka.consumer({ groupId: `reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic: `${prefix}.quadrant.production.events`, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        if (String(message.headers?.['ce_type'] ?? '') !== 'org.quadrant.production.WorkScheduleRevised.v1' || !message.value) return;
        const data = JSON.parse(message.value.toString()) as WorkScheduleRevised['data'];
        const causation = message.headers?.['ce_causationid'];
        // At least once on the wire: a duplicate carries the same revision number.
        if (!revisions.some((r) => r.revision === data.revision)) revisions.push({ ...data, eventId: String(message.headers?.['ce_id']), causationId: causation ? String(causation) : undefined });
      },
    });

    await defineMachiningLine(rest, { millCycleSeconds: 20 });
    for (let n = 1; n <= 6; n++) {
      await rest('/job-orders', { jobOrderId: `jo-${n}`, productId: 'shaft', quantity: 60, siteId: 'lyon', priority: 1 + (n % 3) });
      await rest(`/job-orders/jo-${n}/release`);
    }
  });

  afterAll(async () => {
    await reader?.disconnect();
    await gateway?.stop();
    await production?.stop();
  });

  it('moves the work off the broken unit for its outage, says why, and revises again when it is back', async () => {
    await until(() => (scheduleFromKafka().size === 12 ? true : undefined), 'the six released job orders scheduled, on Kafka');
    expect([...scheduleFromKafka().values()].some((p) => p.workUnitId === 'lathe-1')).toBe(true);
    const before = revisions.length;

    const since = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    const down = await graphql<{ changeWorkUnitState: { eventIds: string[] } }>(
      `mutation ($since: DateTime!) { changeWorkUnitState(workUnitId: "lathe-1", input: { state: Down, reasonCode: "BEARING", since: $since }) { eventIds } }`,
      { since },
    );
    expect(down.errors).toBeUndefined();
    const breakdownId = down.data?.changeWorkUnitState.eventIds[0];
    const revision = await until(() => revisions.find((r) => r.causationId === breakdownId), 'the breakdown revision on Kafka');
    expect(revision).toMatchObject({ siteId: 'lyon', revision: before + 1, trigger: { kind: 'Breakdown', workUnitId: 'lathe-1', reasonCode: 'BEARING', eventIds: [breakdownId] } });
    expect(revision.moved.length).toBeGreaterThan(0);

    const outage = revision.unavailable.find((w) => w.workUnitId === 'lathe-1' && w.kind === 'Breakdown');
    if (!outage) throw new Error('the revision assumed no outage of lathe-1');
    expect(outage.from).toBe(since);
    // No repair history yet: the configured default, 30 minutes.
    expect(Date.parse(outage.to) - Date.parse(since)).toBe(30 * 60_000);
    const onBroken = [...scheduleFromKafka().entries()].filter(([, p]) => p.workUnitId === 'lathe-1' && Date.parse(p.setupStart) < Date.parse(outage.to) && Date.parse(p.end) > Date.parse(outage.from));
    expect(onBroken).toEqual([]);
    // What moved off lathe-1 went to lathe-2 or after the repair.
    for (const move of revision.moved.filter((m) => m.from?.workUnitId === 'lathe-1')) {
      expect(move.to?.workUnitId === 'lathe-2' || Date.parse(move.to?.setupStart ?? '') >= Date.parse(outage.to)).toBe(true);
    }

    // The gateway, fed from the same topic, shows the same schedule to planners.
    const gatewaySchedule = await until(async () => {
      const answer = await graphql<{ workSchedule: { revision: number; operations: { jobOrderId: string; segmentId: string; workUnitId: string; start: string }[] } }>(
        `query ($from: DateTime!, $to: DateTime!) { workSchedule(scope: "lyon", from: $from, to: $to) { revision operations { jobOrderId segmentId workUnitId start } } }`,
        { from: new Date(Date.parse(since) - 86400_000).toISOString(), to: new Date(Date.parse(since) + 7 * 86400_000).toISOString() },
      );
      return answer.data?.workSchedule.revision === revision.revision ? answer.data.workSchedule : undefined;
    }, 'the gateway at the breakdown revision');
    const fromKafka = scheduleFromKafka();
    for (const operation of gatewaySchedule.operations) {
      expect(fromKafka.get(`${operation.jobOrderId}/${operation.segmentId}`)).toMatchObject({ workUnitId: operation.workUnitId, start: operation.start });
    }

    const up = await graphql<{ changeWorkUnitState: { eventIds: string[] } }>(
      `mutation ($since: DateTime!) { changeWorkUnitState(workUnitId: "lathe-1", input: { state: Idle, since: $since }) { eventIds } }`,
      { since: new Date(Date.parse(since) + 1000).toISOString() },
    );
    const repairedId = up.data?.changeWorkUnitState.eventIds[0];
    const repaired = await until(() => revisions.find((r) => r.causationId === repairedId), 'the repair revision on Kafka');
    expect(repaired.trigger).toMatchObject({ kind: 'Repaired', workUnitId: 'lathe-1' });
    expect(repaired.unavailable).toEqual([]);
  });
});
