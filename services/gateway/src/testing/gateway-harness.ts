// Test support for the int specs (kept out of the build with every `testing/` folder): a gateway on a real PostgreSQL.
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { topicOf, type EquipmentLevel, type JobOrderEvent, type WorkUnitState } from '@quadrant/contracts';
import { openDatabase, type Database } from '@quadrant/database';
import type { RecordedEvent } from '@quadrant/event-sourcing';
import { InProcessTransport, toOutgoingMessage } from '@quadrant/messaging';
import { testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { createGatewayApp } from '../create-gateway-app';

export interface GraphQLAnswer<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

/** A gateway on a real PostgreSQL (its own schema) and an in-process transport standing in for Kafka. */
export class GatewayHarness {
  private constructor(
    readonly app: INestApplication,
    readonly db: Database,
    readonly transport: InProcessTransport,
    readonly schema: string,
    readonly url: string,
  ) {}

  static async start(productionUrl: string): Promise<GatewayHarness> {
    const db = await openDatabase(testDatabaseUrl(), { max: 4 });
    const transport = new InProcessTransport();
    const schemaPrefix = `${uniqueSchema('t')}_`;
    const app = await createGatewayApp({ db, transport, schemaPrefix }, { productionUrl, logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new GatewayHarness(app, db, transport, `${schemaPrefix}gateway`, `http://127.0.0.1:${port}`);
  }

  async graphql<Data = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLAnswer<Data>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer<Data>;
  }

  /** As production's relay would: resolves once the gateway's consumer has handled (and committed) them. */
  publish(...events: RecordedEvent[]): Promise<void> {
    return this.transport.publish(topicOf('production'), events.map((event) => toOutgoingMessage('production', event)));
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.transport.close();
    await this.db.exec(`drop schema if exists "${this.schema}" cascade`);
    await this.db.close();
  }
}

function recorded(streamId: string, streamPosition: number, type: string, data: object, occurredAt: string): RecordedEvent {
  return { eventId: randomUUID(), streamId, streamPosition, logPosition: '0', type, data, metadata: { occurredAt, actor: 'test' }, recordedAt: occurredAt };
}

export const definedAt = '2026-11-02T05:00:00.000Z';

/** EquipmentDefined as production records it: position 1 of the element's own stream. */
export function equipmentDefined(equipmentId: string, level: EquipmentLevel, parentPath: string[] = []): RecordedEvent {
  return recorded(
    `equipment-${equipmentId}`,
    1,
    'EquipmentDefined',
    {
      equipmentId,
      name: `${equipmentId} (${level})`,
      level,
      parentId: parentPath[parentPath.length - 1] ?? null,
      path: [...parentPath, equipmentId],
      definedAt,
      ...(level === 'WorkCenter' ? { workCenterType: 'ProductionLine' } : {}),
    },
    definedAt,
  );
}

export function workUnitStateChanged(
  path: string[],
  streamPosition: number,
  change: { state: WorkUnitState; previousState: WorkUnitState; since: string; reasonCode?: string; reasonText?: string },
): RecordedEvent {
  const workUnitId = path[path.length - 1] ?? '';
  return recorded(`equipment-${workUnitId}`, streamPosition, 'WorkUnitStateChanged', { workUnitId, path, ...change }, change.since);
}

/** A job order event as production records it in `job-order-<id>`, with who caused it and under which request. */
export function jobOrderRecorded(streamPosition: number, event: JobOrderEvent, origin: { occurredAt: string; actor: string; correlationId?: string }): RecordedEvent {
  return {
    eventId: randomUUID(),
    streamId: `job-order-${event.data.jobOrderId}`,
    streamPosition,
    logPosition: '0',
    type: event.type,
    data: event.data,
    metadata: { occurredAt: origin.occurredAt, actor: origin.actor, ...(origin.correlationId ? { correlationId: origin.correlationId } : {}) },
    recordedAt: origin.occurredAt,
  };
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

type Answer = { status: number; body: unknown };

/** Stands in for production's REST API, answering the way its controllers and exception filter do. */
export async function startFakeProduction(answer: (request: ReceivedRequest) => Answer): Promise<{ url: string; received: ReceivedRequest[]; close(): Promise<void> }> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
      received.push(request);
      const { status, body } = answer(request);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
