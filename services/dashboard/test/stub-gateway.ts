/**
 * A stand-in for the gateway, for the dashboard's browser test: the real schema (schemas/graphql/gateway.graphql
 * and the detailed schedule's work-schedule.graphql) with deterministic stub resolvers, queries on POST /graphql through Apollo Server, subscriptions over
 * graphql-ws on the same path, and the built dashboard (dist/services/dashboard) on every other path, as
 * the gateway serves it.
 *
 * The plant: two sites, their areas, lines and work units. Each work unit has a profile (how much of its
 * planned busy time it is down, idle or in setup; its speed and quality), from which every hour from
 * DATA_START to now gets its ISO 22400 elements; a scope's KPIs are computed from the elements summed
 * over its work units and the range (never by averaging ratios), as the gateway does. The detailed schedule is
 * in stub-schedule.ts.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { KpiElements } from '../src/queries';
import { StubSchedule } from './stub-schedule';

export const REPOSITORY_ROOT = join(__dirname, '..', '..', '..');
export const DASHBOARD_DIR = join(REPOSITORY_ROOT, 'dist', 'services', 'dashboard');
// The gateway's schema is both files (work-schedule.graphql extends Query, Mutation and Subscription).
const SCHEMA_FILES = ['gateway.graphql', 'work-schedule.graphql'].map((file) => join(REPOSITORY_ROOT, 'schemas', 'graphql', file));

/** The stub records production from here until now; before it, every range is empty. */
export const DATA_START = Date.parse('2025-01-01T00:00:00Z');
const HOUR = 3_600_000;

type Level = 'Enterprise' | 'Site' | 'Area' | 'WorkCenter' | 'WorkUnit';
type State = 'Unknown' | 'Running' | 'Idle' | 'Setup' | 'Down' | 'PlannedDowntime';

interface Element {
  id: string;
  name: string;
  level: Level;
  parentId: string | null;
}

interface Profile {
  /** Shares of planned busy time. */
  down: number;
  idle: number;
  setup: number;
  /** Ideal over actual speed while running. */
  speed: number;
  good: number;
  rework: number;
  cycleSeconds: number;
  downReason: string;
}

const ELEMENTS: Element[] = [];
const PROFILES = new Map<string, Profile>();

function define(id: string, name: string, level: Level, parentId: string | null, profile?: Profile): void {
  ELEMENTS.push({ id, name, level, parentId });
  if (profile) PROFILES.set(id, profile);
}

const unit = (down: number, idle: number, setup: number, speed: number, good: number, cycleSeconds: number, downReason: string): Profile => ({
  down,
  idle,
  setup,
  speed,
  good,
  rework: (1 - good) / 4,
  cycleSeconds,
  downReason,
});

define('acme', 'ACME Components', 'Enterprise', null);
define('lyon', 'Lyon plant', 'Site', 'acme');
define('lyon-machining', 'Machining', 'Area', 'lyon');
define('lyon-l1', 'Line 1', 'WorkCenter', 'lyon-machining');
define('lyon-l1-lathe', 'Lathe L1', 'WorkUnit', 'lyon-l1', unit(0.05, 0.04, 0.03, 0.92, 0.97, 30, 'TOOL_WEAR'));
define('lyon-l1-mill', 'Mill L1', 'WorkUnit', 'lyon-l1', unit(0.18, 0.05, 0.04, 0.85, 0.94, 45, 'SPINDLE_OVERHEAT'));
define('lyon-l1-deburr', 'Deburring L1', 'WorkUnit', 'lyon-l1', unit(0.02, 0.08, 0, 0.95, 0.99, 20, 'JAM'));
define('lyon-l2', 'Line 2', 'WorkCenter', 'lyon-machining');
define('lyon-l2-lathe', 'Lathe L2', 'WorkUnit', 'lyon-l2', unit(0.08, 0.1, 0.06, 0.9, 0.96, 35, 'TOOL_WEAR'));
define('lyon-l2-mill', 'Mill L2', 'WorkUnit', 'lyon-l2', unit(0.06, 0.05, 0.05, 0.88, 0.95, 50, 'COOLANT_LOW'));
define('lyon-assembly', 'Assembly', 'Area', 'lyon');
define('lyon-l3', 'Line 3', 'WorkCenter', 'lyon-assembly');
define('lyon-l3-press', 'Press L3', 'WorkUnit', 'lyon-l3', unit(0.03, 0.03, 0.02, 0.97, 0.995, 12, 'MATERIAL_SHORTAGE'));
define('lyon-l3-test', 'Test bench L3', 'WorkUnit', 'lyon-l3', unit(0.04, 0.12, 0, 0.93, 0.98, 15, 'CALIBRATION'));
define('austin', 'Austin plant', 'Site', 'acme');
define('austin-molding', 'Molding', 'Area', 'austin');
define('austin-l1', 'Line 1', 'WorkCenter', 'austin-molding');
define('austin-l1-mold1', 'Mould 1', 'WorkUnit', 'austin-l1', unit(0.1, 0.05, 0.08, 0.9, 0.93, 40, 'MOULD_STICKING'));
define('austin-l1-mold2', 'Mould 2', 'WorkUnit', 'austin-l1', unit(0.22, 0.04, 0.1, 0.82, 0.9, 40, 'HEATER_FAULT'));
define('austin-packing', 'Packing', 'Area', 'austin');
define('austin-l2', 'Line 2', 'WorkCenter', 'austin-packing');
define('austin-l2-filler', 'Filler', 'WorkUnit', 'austin-l2', unit(0.04, 0.03, 0.02, 0.96, 0.99, 2, 'MATERIAL_SHORTAGE'));
define('austin-l2-capper', 'Capper', 'WorkUnit', 'austin-l2', unit(0.12, 0.03, 0.01, 0.9, 0.985, 2, 'MATERIAL_SHORTAGE'));

const byId = new Map(ELEMENTS.map((element) => [element.id, element]));

function childrenOf(id: string): Element[] {
  return ELEMENTS.filter((element) => element.parentId === id).sort((a, b) => a.name.localeCompare(b.name));
}

function pathOf(id: string): string[] {
  const path: string[] = [];
  for (let element = byId.get(id); element; element = element.parentId === null ? undefined : byId.get(element.parentId)) path.unshift(element.id);
  return path;
}

function isAtOrBelow(id: string, scope: string): boolean {
  return pathOf(id).includes(scope);
}

function siteOf(id: string): string | null {
  return pathOf(id).find((element) => byId.get(element)?.level === 'Site') ?? null;
}

function unitsBelow(scope: string): Element[] {
  return ELEMENTS.filter((element) => element.level === 'WorkUnit' && isAtOrBelow(element.id, scope));
}

type Elements = KpiElements;

const ZERO: Elements = { POT: 0, PDOT: 0, PBT: 0, APT: 0, ASUT: 0, ADET: 0, ADOT: 0, PRI_PQ: 0, PQ: 0, GQ: 0, SQ: 0, RQ: 0, FE: 0, TBF: 0, TTR: 0 };

function add(a: Elements, b: Elements): Elements {
  const sum = { ...a };
  for (const key of Object.keys(ZERO) as (keyof Elements)[]) sum[key] = a[key] + b[key];
  return sum;
}

export class StubGateway {
  /** Scopes whose KPI queries fail, as a gateway does while it cannot answer. */
  readonly failing = new Set<string>();
  /** A factor on each work unit's good share, to change figures while the page is open. */
  private readonly qualityFactors = new Map<string, number>();
  private readonly states = new Map<string, { state: State; since: string; reasonCode: string | null; reasonText: string | null }>();
  private readonly stateFeed = new Feed<{ workUnitStateChanged: ReturnType<StubGateway['statusOf']> }>();
  private readonly kpiFeed = new Feed<{ kpiChanged: { scope: string; from: string; to: string }; unitId: string }>();
  private readonly scheduleFeed = new Feed<ReturnType<StubSchedule['reviseByRequest']>>();
  /** The detailed schedule, anchored at the stub's start to the hour, so the default (looking ahead) range shows it. */
  readonly schedule: StubSchedule;
  private server: Server | undefined;
  private wsServer: WebSocketServer | undefined;
  private apollo: ApolloServer | undefined;
  url = '';

  constructor(private readonly now: () => number = Date.now) {
    this.schedule = new StubSchedule(Math.floor(this.now() / HOUR) * HOUR);
    for (const [index, element] of ELEMENTS.entries()) {
      if (element.level !== 'WorkUnit') continue;
      const profile = PROFILES.get(element.id);
      const down = element.id === 'lyon-l1-mill' || element.id === 'austin-l2-capper';
      this.states.set(element.id, {
        state: down ? 'Down' : element.id === 'lyon-l2-lathe' ? 'Setup' : 'Running',
        since: new Date(this.now() - index * 7 * 60_000).toISOString(),
        reasonCode: down ? (profile?.downReason ?? null) : null,
        reasonText: down ? 'alarm from the machine' : null,
      });
    }
  }

  // ------------------------------------------------------------------------------------------ figures

  /** One work unit's elements over [from, to) (ms), hour by hour, each hour with its own load. */
  private unitElements(unitId: string, from: number, to: number): Elements {
    const profile = PROFILES.get(unitId);
    if (!profile) return ZERO;
    let total = ZERO;
    const start = Math.max(from, DATA_START);
    const end = Math.min(to, this.now());
    for (let hour = Math.floor(start / HOUR) * HOUR; hour < end; hour += HOUR) {
      const share = (Math.min(end, hour + HOUR) - Math.max(start, hour)) / HOUR;
      if (share <= 0) continue;
      const hourOfDay = new Date(hour).getUTCHours();
      // Nights run worse than days, so the trend has a shape.
      const load = 1 + 0.6 * Math.sin(((hourOfDay - 3) / 24) * 2 * Math.PI);
      const POT = 3600 * share;
      const PDOT = 300 * share;
      const PBT = POT - PDOT;
      const ADET = PBT * profile.down * load;
      const ADOT = PBT * profile.idle;
      const ASUT = PBT * profile.setup;
      const APT = Math.max(0, PBT - ADET - ADOT - ASUT);
      const PRI_PQ = APT * profile.speed;
      const PQ = PRI_PQ / profile.cycleSeconds;
      const good = Math.min(1, profile.good * (this.qualityFactors.get(unitId) ?? 1));
      const GQ = PQ * good;
      const RQ = PQ * profile.rework;
      const SQ = PQ - GQ - RQ;
      const FE = ADET > 0 ? share : 0;
      total = add(total, { POT, PDOT, PBT, APT, ASUT, ADET, ADOT, PRI_PQ, PQ, GQ, SQ, RQ, FE, TBF: APT, TTR: ADET });
    }
    return total;
  }

  private scopeElements(scope: string, from: number, to: number): Elements {
    return unitsBelow(scope).reduce((sum, element) => add(sum, this.unitElements(element.id, from, to)), ZERO);
  }

  private snapshot(scope: string, from: number, to: number, shift: string | null = null) {
    const summed = this.scopeElements(scope, from, to);
    // Failure events are counted per hour; a range cut inside an hour gets its share, rounded.
    const elements = { ...summed, FE: Math.round(summed.FE) };
    const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);
    const availability = ratio(elements.APT, elements.PBT);
    const effectiveness = ratio(elements.PRI_PQ, elements.APT);
    const qualityRatio = ratio(elements.GQ, elements.PQ);
    const oee = availability === null || effectiveness === null || qualityRatio === null ? null : availability * effectiveness * qualityRatio;
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      shift,
      elements,
      oee,
      availability,
      effectiveness,
      qualityRatio,
      kpis: [
        { id: 'oee', name: 'OEE', unit: '%', trend: 'HIGHER_IS_BETTER', value: oee },
        { id: 'availability', name: 'Availability', unit: '%', trend: 'HIGHER_IS_BETTER', value: availability },
        { id: 'effectiveness', name: 'Effectiveness', unit: '%', trend: 'HIGHER_IS_BETTER', value: effectiveness },
        { id: 'quality-ratio', name: 'Quality ratio', unit: '%', trend: 'HIGHER_IS_BETTER', value: qualityRatio },
        { id: 'scrap-ratio', name: 'Scrap ratio', unit: '%', trend: 'LOWER_IS_BETTER', value: ratio(elements.SQ, elements.PQ) },
        { id: 'mtbf', name: 'Mean time between failures', unit: 's', trend: 'HIGHER_IS_BETTER', value: ratio(elements.TBF, elements.FE) },
        { id: 'mttr', name: 'Mean time to repair', unit: 's', trend: 'LOWER_IS_BETTER', value: ratio(elements.TTR, elements.FE) },
      ],
    };
  }

  private buckets(scope: string, from: number, to: number, granularity: string) {
    const buckets = [];
    const start = bucketStart(from, granularity);
    for (let bucket = start; bucket < to; bucket = nextBucket(bucket, granularity)) {
      const cutFrom = Math.max(bucket, from);
      const cutTo = Math.min(nextBucket(bucket, granularity), to);
      buckets.push(this.snapshot(scope, cutFrom, cutTo, granularity === 'SHIFT' ? shiftName(bucket) : null));
    }
    return buckets;
  }

  private equipment(id: string): StubEquipment | null {
    const element = byId.get(id);
    return element ? new StubEquipment(element, this) : null;
  }

  statusOf(workUnitId: string) {
    const state = this.states.get(workUnitId) ?? { state: 'Unknown' as State, since: new Date(DATA_START).toISOString(), reasonCode: null, reasonText: null };
    return { workUnitId, workUnit: this.equipment(workUnitId), ...state, runningJobOrders: [] };
  }

  private checkScope(scope: string): void {
    if (this.failing.has(scope)) {
      throw new GraphQLError(`KPI elements of ${scope} are being re-projected under definition v3; try again in a minute`, {
        extensions: { code: 'KPI_REPROJECTION_IN_PROGRESS' },
      });
    }
    if (!byId.has(scope)) throw new GraphQLError(`equipment "${scope}" does not exist`, { extensions: { code: 'NOT_FOUND' } });
  }

  /** The operation roots: what the stub answers for each field of Query and Subscription. */
  private roots() {
    const range = (args: { from: string; to: string }): [number, number] => {
      const from = Date.parse(args.from);
      const to = Date.parse(args.to);
      if (!(from < to)) throw new GraphQLError('from must be before to', { extensions: { code: 'BAD_USER_INPUT' } });
      return [from, to];
    };
    const definition = { version: 2, minorStopThresholdSeconds: 120, setupIsAvailabilityLoss: false, reprojection: null };
    const query = {
      enterprises: () => ELEMENTS.filter((element) => element.level === 'Enterprise').map((element) => new StubEquipment(element, this)),
      sites: () =>
        ELEMENTS.filter((element) => element.level === 'Site')
          .sort((a, b) => a.id.localeCompare(b.id))
          .map((element) => new StubEquipment(element, this)),
      equipment: ({ id }: { id: string }) => this.equipment(id),
      workUnitStatuses: ({ scope }: { scope?: string }) => unitsBelow(scope ?? 'acme').map((element) => this.statusOf(element.id)),
      kpiDefinition: () => definition,
      kpis: (args: { scope: string; from: string; to: string; granularity: string }) => {
        this.checkScope(args.scope);
        const [from, to] = range(args);
        return {
          scope: this.equipment(args.scope),
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          granularity: args.granularity,
          total: this.snapshot(args.scope, from, to),
          buckets: this.buckets(args.scope, from, to, args.granularity),
          definition,
        };
      },
      kpiBreakdown: (args: { scope: string; level: Level; from: string; to: string }) => {
        this.checkScope(args.scope);
        const [from, to] = range(args);
        return ELEMENTS.filter((element) => element.level === args.level && element.id !== args.scope && isAtOrBelow(element.id, args.scope))
          .map((element) => ({ equipment: new StubEquipment(element, this), total: this.snapshot(element.id, from, to) }))
          .sort((a, b) => (a.total.oee ?? Number.POSITIVE_INFINITY) - (b.total.oee ?? Number.POSITIVE_INFINITY));
      },
      oeeLossBreakdown: (args: { scope: string; from: string; to: string }) => {
        this.checkScope(args.scope);
        const [from, to] = range(args);
        const elements = this.scopeElements(args.scope, from, to);
        const fullyProductiveTime = elements.PQ > 0 ? elements.PRI_PQ * (elements.GQ / elements.PQ) : 0;
        return {
          plannedBusyTime: elements.PBT,
          availabilityLoss: elements.ADET + elements.ADOT,
          setupTime: elements.ASUT,
          speedLoss: elements.APT - elements.PRI_PQ,
          qualityLoss: elements.PRI_PQ - fullyProductiveTime,
          fullyProductiveTime,
        };
      },
      downtimePareto: (args: { scope: string; from: string; to: string; first?: number }) => {
        this.checkScope(args.scope);
        const [from, to] = range(args);
        const reasons = new Map<string, { state: State; reasonCode: string | null; durationSeconds: number; occurrences: number }>();
        const count = (state: State, reasonCode: string | null, seconds: number, occurrences: number): void => {
          if (seconds <= 0) return;
          const key = `${state} ${reasonCode ?? ''}`;
          const known = reasons.get(key) ?? { state, reasonCode, durationSeconds: 0, occurrences: 0 };
          reasons.set(key, { ...known, durationSeconds: known.durationSeconds + seconds, occurrences: known.occurrences + occurrences });
        };
        for (const element of unitsBelow(args.scope)) {
          const elements = this.unitElements(element.id, from, to);
          count('Down', PROFILES.get(element.id)?.downReason ?? null, elements.ADET, Math.round(elements.FE));
          count('Idle', null, elements.ADOT, Math.round(elements.FE / 2));
          count('Setup', null, elements.ASUT, Math.ceil(elements.ASUT / 1800));
        }
        return [...reasons.values()].sort((a, b) => b.durationSeconds - a.durationSeconds).slice(0, args.first ?? 10);
      },
      workSchedule: (args: { scope: string; from: string; to: string }) => {
        if (this.failing.has(args.scope)) {
          throw new GraphQLError(`The schedule of ${args.scope} is being rebuilt; try again in a minute`, { extensions: { code: 'SCHEDULE_REBUILDING' } });
        }
        if (!byId.has(args.scope)) throw new GraphQLError(`equipment "${args.scope}" does not exist`, { extensions: { code: 'NOT_FOUND' } });
        const [from, to] = range(args);
        return this.schedule.workSchedule(
          args.scope,
          siteOf(args.scope),
          unitsBelow(args.scope).map((element) => element.id),
          from,
          to,
        );
      },
      scheduleRevisions: ({ siteId, last }: { siteId: string; last?: number }) => this.schedule.scheduleRevisions(siteId, last ?? 20),
      whyDidOperationMove: ({ jobOrderId, segmentId }: { jobOrderId: string; segmentId: string }) => this.schedule.whyDidOperationMove(jobOrderId, segmentId),
    };
    const subscription = {
      workUnitStateChanged: ({ scope }: { scope?: string }) => this.stateFeed.subscribe((event) => isAtOrBelow(event.workUnitStateChanged.workUnitId, scope ?? 'acme')),
      kpiChanged: ({ scope }: { scope: string }) => this.kpiFeed.subscribe((event) => isAtOrBelow(event.unitId, scope)),
      scheduleRevised: ({ siteId }: { siteId: string }) => this.scheduleFeed.subscribe((event) => event.scheduleRevised.siteId === siteId),
    };
    return { query, subscription };
  }

  // ------------------------------------------------------------------------------------------ what tests do

  /** A work unit changes state: `workUnitStateChanged` pushes it. */
  changeState(workUnitId: string, state: State, reasonCode: string | null = null): void {
    this.states.set(workUnitId, { state, since: new Date(this.now()).toISOString(), reasonCode, reasonText: null });
    this.stateFeed.publish({ workUnitStateChanged: this.statusOf(workUnitId) });
  }

  /** A work unit's quality changes over [from, to): `kpiChanged` pushes it for every scope at or above the unit. */
  changeQuality(workUnitId: string, factor: number, range: { from: string; to: string }): void {
    this.qualityFactors.set(workUnitId, factor);
    this.kpiFeed.publish({ kpiChanged: { scope: workUnitId, from: range.from, to: range.to }, unitId: workUnitId });
  }

  /** A planner asks for a reschedule of Lyon: a new revision moves one operation, `scheduleRevised` pushes it. */
  reviseSchedule(): number {
    const revised = this.schedule.reviseByRequest(this.now());
    this.scheduleFeed.publish(revised);
    return revised.scheduleRevised.revision;
  }

  /** What the stub answers a query, as the browser would get it. */
  async query<Data>(document: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const response = await fetch(`${this.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document, variables }) });
    const body = (await response.json()) as { data?: Data; errors?: { message: string }[] };
    if (body.errors || body.data === undefined) throw new Error(`stub answered errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  // ------------------------------------------------------------------------------------------ serving

  async start(): Promise<void> {
    const schema = buildSchema(SCHEMA_FILES.map((file) => readFileSync(file, 'utf8')).join('\n'));
    const roots = this.roots();
    const apollo = new ApolloServer({ schema, rootValue: roots.query, includeStacktraceInErrorResponses: false });
    await apollo.start();
    this.apollo = apollo;
    const server = createServer((request, response) => {
      this.handle(apollo, request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
    });
    this.server = server;
    this.wsServer = new WebSocketServer({ server, path: '/graphql' });
    useServer({ schema, roots: { subscription: roots.subscription } }, this.wsServer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.stateFeed.close();
    this.kpiFeed.close();
    this.scheduleFeed.close();
    for (const client of this.wsServer?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.wsServer ? this.wsServer.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.apollo?.stop();
  }

  private async handle(apollo: ApolloServer, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stub');
    if (url.pathname === '/graphql') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body: raw === '' ? undefined : (JSON.parse(raw) as unknown) },
        context: async () => ({}),
      });
      const responseHeaders: Record<string, string> = {};
      for (const [name, value] of answer.headers) responseHeaders[name] = value;
      response.writeHead(answer.status ?? 200, responseHeaders);
      if (answer.body.kind === 'complete') response.end(answer.body.string);
      else {
        for await (const chunk of answer.body.asyncIterator) response.write(chunk);
        response.end();
      }
      return;
    }
    // The built dashboard: its files, else index.html (the app reads its view from the path).
    const file = normalize(join(DASHBOARD_DIR, decodeURIComponent(url.pathname)));
    const inside = file.startsWith(`${DASHBOARD_DIR}${sep}`);
    if (inside && existsSync(file) && statSync(file).isFile()) {
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
      return;
    }
    if (extname(url.pathname) !== '') {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    createReadStream(join(DASHBOARD_DIR, 'index.html')).pipe(response);
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** An element of the hierarchy as the schema's `Equipment`: its relations are methods, resolved on demand. */
class StubEquipment {
  readonly id: string;
  readonly name: string;
  readonly level: Level;
  readonly description = null;
  readonly workCenterType: string | null;
  readonly definedAt = new Date(DATA_START).toISOString();

  constructor(
    private readonly element: Element,
    private readonly stub: StubGateway,
  ) {
    this.id = element.id;
    this.name = element.name;
    this.level = element.level;
    this.workCenterType = element.level === 'WorkCenter' ? 'ProductionLine' : null;
  }

  parent(): StubEquipment | null {
    const parent = this.element.parentId === null ? undefined : byId.get(this.element.parentId);
    return parent ? new StubEquipment(parent, this.stub) : null;
  }

  children(): StubEquipment[] {
    return childrenOf(this.id).map((child) => new StubEquipment(child, this.stub));
  }

  path(): string[] {
    return pathOf(this.id);
  }

  workUnits(): StubEquipment[] {
    return unitsBelow(this.id).map((element) => new StubEquipment(element, this.stub));
  }

  status() {
    return this.level === 'WorkUnit' ? this.stub.statusOf(this.id) : null;
  }
}

// Buckets in UTC (the stub's sites are in UTC): shifts at 06:00, 14:00 and 22:00, weeks from Monday.
function bucketStart(time: number, granularity: string): number {
  const day = Math.floor(time / (24 * HOUR)) * 24 * HOUR;
  if (granularity === 'HOUR') return Math.floor(time / HOUR) * HOUR;
  if (granularity === 'DAY') return day;
  if (granularity === 'WEEK') return day - ((new Date(day).getUTCDay() + 6) % 7) * 24 * HOUR;
  const starts = [day - 2 * HOUR, day + 6 * HOUR, day + 14 * HOUR, day + 22 * HOUR];
  return starts.filter((start) => start <= time).pop() ?? day - 2 * HOUR;
}

function nextBucket(start: number, granularity: string): number {
  return start + { HOUR: 1, SHIFT: 8, DAY: 24, WEEK: 168 }[granularity as 'HOUR'] * HOUR;
}

function shiftName(start: number): string {
  return { 6: 'Morning', 14: 'Afternoon', 22: 'Night' }[new Date(start).getUTCHours() as 6] ?? 'Night';
}

/** A push feed for subscriptions: each subscriber gets what its filter accepts, until it unsubscribes. */
class Feed<T> {
  private readonly listeners = new Set<(value: T | null) => void>();

  publish(value: T): void {
    for (const listener of this.listeners) listener(value);
  }

  close(): void {
    for (const listener of this.listeners) listener(null);
  }

  subscribe(accept: (value: T) => boolean): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let done = false;
    let wake: (() => void) | undefined;
    const listener = (value: T | null): void => {
      if (value === null) done = true;
      else if (accept(value)) queue.push(value);
      wake?.();
    };
    this.listeners.add(listener);
    const listeners = this.listeners;
    const finish = async (): Promise<IteratorResult<T>> => {
      done = true;
      listeners.delete(listener);
      wake?.();
      return { value: undefined, done: true };
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next(): Promise<IteratorResult<T>> {
        while (!done && queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        const value = queue.shift();
        if (done || value === undefined) return finish();
        return { value, done: false };
      },
      return: finish,
    };
  }
}
