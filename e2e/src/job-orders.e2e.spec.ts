import { openDatabase, type Database } from '@quadrant/database';
import { defineMachiningLine, testDatabaseUrl, testKafkaBrokers, uniqueSchema } from '@quadrant/testing';
import { freePort, ServiceProcess } from '@quadrant/platform';

/**
 * Parity between production's own fold of a job order (`evolveJobOrder`, served by `GET /job-orders/:id`)
 * and the gateway's projection of the same events, carried by Kafka between two processes: a planner's
 * mutations go through the gateway, the shop floor's commands straight to production's REST API, and
 * both views must agree once the projection has caught up. A stop reason corrected after the fact rides
 * the same path into the gateway's state history.
 */

/** Production's answer to `GET /job-orders/:id`: its decider's state. */
interface ProductionJobOrder {
  status: string;
  routingVersion: number | null;
  version: number;
  segments: {
    definition: { segmentId: string; dependsOn: string[] };
    status: string;
    workUnitId?: string;
    dispatchedTo: string[];
    good: number;
    scrap: number;
    rework: number;
  }[];
}

interface GatewayJobOrder {
  status: string;
  routingVersion: number | null;
  lateness: number | null;
  progress: { good: number; scrap: number; rework: number };
  segments: { segmentId: string; status: string; workUnitId: string | null; dispatchedTo: string[]; good: number; scrap: number; rework: number }[];
}

interface GatewayView {
  jobOrder: GatewayJobOrder | null;
  lathe: { jobOrderId: string; segmentId: string; startable: boolean }[];
  mill: { jobOrderId: string; segmentId: string; startable: boolean }[];
  jobOrderHistory: { eventId: string; streamPosition: number; type: string; actor: string | null }[];
}

type Dispatched = { jobOrderId: string; segmentId: string; startable: boolean };

const JOB_ORDER = 'jo-e2e-1';
const PLANNER = 'planner.paula';

describe('job orders: production and the gateway agree', () => {
  const prefix = `${uniqueSchema('e2e')}_`;
  let db: Database;
  let production: ServiceProcess;
  let gateway: ServiceProcess;
  // Source timestamps a little in the past, in order: production refuses a state older than the current one.
  const origin = Date.now() - 60 * 60_000;
  const minute = (n: number): string => new Date(origin + n * 60_000).toISOString();
  const dueAt = new Date(origin + 24 * 60 * 60_000).toISOString();

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 2 });
    const env = { DATABASE_URL: testDatabaseUrl(), KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_NAMESPACE: `${prefix}.`, QUADRANT_SCHEMA_PREFIX: prefix };
    production = new ServiceProcess('production', 'dist/services/production/src/main.js', await freePort(), env);
    await production.start();
    gateway = new ServiceProcess('gateway', 'dist/services/gateway/src/main.js', await freePort(), { ...env, PRODUCTION_URL: production.url });
    await gateway.start();

    await defineMachiningLine(rest, { workUnits: ['lathe-1', 'mill-1'] });
    for (const unit of ['lathe-1', 'mill-1']) await rest(`/work-units/${unit}/state`, { state: 'Idle', since: minute(0) });
  });

  afterAll(async () => {
    await gateway?.stop();
    await production?.stop();
    for (const schema of ['production', 'gateway']) await db?.exec(`drop schema if exists "${prefix}${schema}" cascade`);
    await db?.close();
  });

  async function rest(path: string, body: unknown = {}): Promise<Record<string, unknown>> {
    const response = await fetch(`${production.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-quadrant-actor': 'operator.olga' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  }

  async function graphql<Data>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: Data | null; errors?: { message: string }[] }> {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-quadrant-actor': PLANNER },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Data | null; errors?: { message: string }[] };
  }

  async function mutate(query: string, variables: Record<string, unknown> = {}): Promise<void> {
    const { errors } = await graphql(query, variables);
    if (errors) throw new Error(`the gateway refused ${query}: ${JSON.stringify(errors)}`);
  }

  async function productionView(): Promise<ProductionJobOrder> {
    const response = await fetch(`${production.url}/job-orders/${JOB_ORDER}`);
    expect(response.status).toBe(200);
    return (await response.json()) as ProductionJobOrder;
  }

  async function gatewayView(): Promise<GatewayView> {
    const { data, errors } = await graphql<GatewayView>(
      `query ($id: ID!) {
        jobOrder(id: $id) {
          status routingVersion lateness progress { good scrap rework }
          segments { segmentId status workUnitId dispatchedTo good scrap rework }
        }
        lathe: dispatchList(workUnitId: "lathe-1") { jobOrderId segmentId startable }
        mill: dispatchList(workUnitId: "mill-1") { jobOrderId segmentId startable }
        jobOrderHistory(jobOrderId: $id) { eventId streamPosition type actor }
      }`,
      { id: JOB_ORDER },
    );
    expect(errors).toBeUndefined();
    if (!data) throw new Error('the gateway answered no data');
    return data;
  }

  /**
   * What the gateway must show, derived from production's fold alone: good pieces are counted where the
   * routing ends (segments nothing depends on), scrap and rework everywhere; a segment not started yet is
   * on the dispatch list of the units it went to while the job order can still run, startable once the
   * segments it depends on completed; the history is the job order's stream, event for event.
   */
  async function expected(state: ProductionJobOrder): Promise<Omit<GatewayView, 'jobOrder'> & { jobOrder: Omit<GatewayJobOrder, 'lateness'> }> {
    const dependedOn = new Set(state.segments.flatMap((s) => s.definition.dependsOn));
    const sum = (pick: (s: ProductionJobOrder['segments'][number]) => number, segments = state.segments): number => segments.reduce((total, s) => total + pick(s), 0);
    const open = ['Ready', 'Dispatched', 'Running', 'Paused'].includes(state.status);
    const listOf = (unit: string): Dispatched[] =>
      state.segments
        .filter((s) => open && s.status === 'Pending' && s.dispatchedTo.includes(unit))
        .map((s) => ({
          jobOrderId: JOB_ORDER,
          segmentId: s.definition.segmentId,
          startable: s.definition.dependsOn.every((d) => state.segments.find((other) => other.definition.segmentId === d)?.status === 'Completed'),
        }));
    const events = await db.query<{ event_id: string; stream_position: number; type: string; actor: string | null }>(
      `select event_id::text as event_id, stream_position, event_type as type, metadata->>'actor' as actor
         from "${prefix}production".events where stream_id = $1 order by stream_position`,
      [`job-order-${JOB_ORDER}`],
    );
    return {
      jobOrder: {
        status: state.status,
        routingVersion: state.routingVersion,
        progress: { good: sum((s) => s.good, state.segments.filter((s) => !dependedOn.has(s.definition.segmentId))), scrap: sum((s) => s.scrap), rework: sum((s) => s.rework) },
        segments: state.segments.map((s) => ({
          segmentId: s.definition.segmentId,
          status: s.status,
          workUnitId: s.workUnitId ?? null,
          dispatchedTo: s.dispatchedTo,
          good: s.good,
          scrap: s.scrap,
          rework: s.rework,
        })),
      },
      lathe: listOf('lathe-1'),
      mill: listOf('mill-1'),
      jobOrderHistory: events.map((e) => ({ eventId: e.event_id, streamPosition: Number(e.stream_position), type: e.type, actor: e.actor })),
    };
  }

  /** Polls until the gateway has projected every event production folded, then holds both views side by side. */
  async function expectParity(status: string): Promise<GatewayView> {
    const state = await productionView();
    expect(state.status).toBe(status);
    const deadline = Date.now() + 15_000;
    let view = await gatewayView();
    while (view.jobOrderHistory.length < state.version && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = await gatewayView();
    }
    // The fields of one GraphQL answer are separate reads: the history may have seen a commit the job order
    // row was read just before. Once the history is complete, a fresh answer is whole.
    view = await gatewayView();
    const { lateness, ...jobOrder } = view.jobOrder ?? { lateness: undefined };
    expect({ ...view, jobOrder }).toEqual(await expected(state));
    // Due a day after the plant started: slack left, so never late, and never unmeasured with a due time.
    expect(typeof lateness).toBe('number');
    expect(lateness).toBeLessThan(0);
    return view;
  }

  it('creates, releases and dispatches through GraphQL, runs on the shop floor, and both views agree at every step', async () => {
    await mutate(
      `mutation ($input: CreateJobOrderInput!) { createJobOrder(input: $input, idempotencyKey: "create-jo-e2e-1") { version } }`,
      { input: { jobOrderId: JOB_ORDER, productId: 'shaft', quantity: 10, siteId: 'lyon', priority: 2, dueAt } },
    );
    await mutate(`mutation { releaseJobOrder(id: "${JOB_ORDER}") { version } }`);
    await mutate(`mutation { dispatchJobOrder(id: "${JOB_ORDER}", segmentId: "turn", workUnitId: "lathe-1") { version } }`);
    await mutate(`mutation { dispatchJobOrder(id: "${JOB_ORDER}", segmentId: "mill", workUnitId: "mill-1") { version } }`);
    const dispatched = await expectParity('Dispatched');
    // The planner's path is recorded as the planner's, end to end.
    expect(dispatched.jobOrderHistory.map((e) => e.actor)).toEqual([PLANNER, PLANNER, PLANNER, PLANNER]);
    expect(dispatched.mill).toEqual([{ jobOrderId: JOB_ORDER, segmentId: 'mill', startable: false }]);

    await rest(`/job-orders/${JOB_ORDER}/segments/turn/start`, { workUnitId: 'lathe-1' });
    await rest(`/job-orders/${JOB_ORDER}/segments/turn/production`, { good: 11, scrap: 1, scrapReasonCode: 'BURR' });
    await expectParity('Running');

    await rest(`/job-orders/${JOB_ORDER}/segments/turn/complete`);
    const turned = await expectParity('Dispatched');
    expect(turned.mill).toEqual([{ jobOrderId: JOB_ORDER, segmentId: 'mill', startable: true }]);

    await rest(`/job-orders/${JOB_ORDER}/segments/mill/start`, { workUnitId: 'mill-1' });
    await rest(`/job-orders/${JOB_ORDER}/segments/mill/production`, { good: 10, scrap: 1, rework: 1 });
    await rest(`/job-orders/${JOB_ORDER}/segments/mill/complete`);
    await mutate(`mutation { controlJobOrder(id: "${JOB_ORDER}", command: Complete) { version } }`);
    const completed = await expectParity('Completed');
    expect(completed.jobOrder?.progress).toEqual({ good: 10, scrap: 2, rework: 1 });
    expect(completed.lathe).toEqual([]);
    expect(completed.mill).toEqual([]);
  });

  it("shows a stop's corrected reason in the state history and, while the stop lasts, in the current state", async () => {
    await rest('/work-units/lathe-1/state', { state: 'Down', since: minute(5), reasonCode: 'JAM', reasonText: 'chip jam' });
    await rest('/work-units/lathe-1/state', { state: 'Idle', since: minute(9) });
    await rest('/work-units/lathe-1/stop-reasons', { since: minute(5), reasonCode: 'NO_MATERIAL', reasonText: 'bar stock late' });
    await rest('/work-units/mill-1/state', { state: 'Down', since: minute(20), reasonCode: 'JAM' });
    await rest('/work-units/mill-1/stop-reasons', { since: minute(20), reasonCode: 'TOOL_BREAK' });

    type Stop = { state: string; since: string; reasonCode: string | null; reasonText: string | null; originalReasonCode: string | null };
    type Answer = { lathe: Stop[]; mill: { status: { state: string; since: string; reasonCode: string | null } | null } | null };
    const query = `{
      lathe: workUnitStateHistory(workUnitId: "lathe-1") { state since reasonCode reasonText originalReasonCode }
      mill: equipment(id: "mill-1") { status { state since reasonCode } }
    }`;
    const caughtUp = (data: Answer | null | undefined): boolean =>
      (data?.lathe.some((change) => change.reasonCode === 'NO_MATERIAL') ?? false) && data?.mill?.status?.reasonCode === 'TOOL_BREAK';
    const deadline = Date.now() + 15_000;
    let answer = await graphql<Answer>(query);
    while (!caughtUp(answer.data) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await graphql<Answer>(query);
    }
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      lathe: [
        { state: 'Idle', since: minute(0), reasonCode: null, reasonText: null, originalReasonCode: null },
        { state: 'Down', since: minute(5), reasonCode: 'NO_MATERIAL', reasonText: 'bar stock late', originalReasonCode: 'JAM' },
        { state: 'Idle', since: minute(9), reasonCode: null, reasonText: null, originalReasonCode: null },
      ],
      mill: { status: { state: 'Down', since: minute(20), reasonCode: 'TOOL_BREAK' } },
    });
  });
});
