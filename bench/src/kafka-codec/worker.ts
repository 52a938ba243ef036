/**
 * One cell of the Kafka codec bench, in a process of its own: produces the messages to a new topic the way
 * the relay does (idempotent, acks=all, batches), then consumes them the way the transport does. With
 * `codec`, Quadrant's record codec is installed first; without, kafkajs runs as published.
 */
import { randomUUID } from 'node:crypto';
import { toIntegrationEvent, toKafkaHeaders } from '@quadrant/contracts';
import { installKafkajsRecordCodec } from '@quadrant/messaging';
import { Kafka, logLevel } from 'kafkajs';
import type { WorkerReply } from '../worker-process';

export interface CodecTask {
  codec: boolean;
  brokers: string[];
  messages: number;
  batchSize: number;
}

export interface CodecCellResult {
  produceCpuMicrosPerMessage: number;
  producePerSecond: number;
  consumeCpuMicrosPerMessage: number;
  consumePerSecond: number;
  peakRssMiB: number;
}

const cpuMicros = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

/** A state change as the relay publishes it: the CloudEvent headers of the real mapping, a real payload. */
function messageOf(i: number): { key: string; value: string; headers: Record<string, string> } {
  const workUnit = `press-${i % 64}`;
  const event = toIntegrationEvent('production', {
    eventId: randomUUID(),
    streamId: `work-unit-${workUnit}`,
    streamPosition: 1 + Math.floor(i / 64),
    logPosition: `1/${i}`,
    type: 'WorkUnitStateChanged',
    data: { workUnitId: workUnit, state: 'Running', previousState: 'Idle', since: new Date(1_790_000_000_000 + i * 1000).toISOString() },
    metadata: {
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: 'machine-data',
      scope: { enterprise: 'acme', site: 'site-a', area: 'pressing', workCenter: 'line-1', workUnit },
    },
    recordedAt: new Date().toISOString(),
  });
  return { key: event.subject, value: JSON.stringify(event.data), headers: toKafkaHeaders(event) };
}

async function run(task: CodecTask): Promise<CodecCellResult> {
  if (task.codec && !installKafkajsRecordCodec()) throw new Error('the codec could not be installed: kafkajs was loaded first');
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const kafka = new Kafka({ clientId: 'bench-kafka-codec', brokers: task.brokers, logLevel: logLevel.ERROR });
  const topic = `bench-kafka-codec-${Date.now().toString(36)}-${task.codec ? 'codec' : 'kafkajs'}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: -1 }] });
    const messages = Array.from({ length: task.messages }, (_, i) => messageOf(i));
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
    await producer.connect();
    let cpu = cpuMicros();
    let started = performance.now();
    for (let i = 0; i < messages.length; i += task.batchSize) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + task.batchSize) });
    const produceCpu = cpuMicros() - cpu;
    const produceSeconds = (performance.now() - started) / 1000;
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: topic, allowAutoTopicCreation: false });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let received = 0;
    let allReceived = (): void => undefined;
    const done = new Promise<void>((resolve) => (allReceived = resolve));
    cpu = cpuMicros();
    started = performance.now();
    await consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          // What the transport makes of each message: text key, value and headers.
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = String(value);
          if (!message.value || !headers['ce_id']) throw new Error('a message came back without its value or ce_id');
          message.key?.toString();
          message.value.toString();
        }
        received += batch.messages.length;
        const last = batch.messages[batch.messages.length - 1];
        if (last) resolveOffset(last.offset);
        if (received >= task.messages) allReceived();
      },
    });
    await done;
    const consumeCpu = cpuMicros() - cpu;
    const consumeSeconds = (performance.now() - started) / 1000;
    await consumer.disconnect();
    return {
      produceCpuMicrosPerMessage: produceCpu / task.messages,
      producePerSecond: task.messages / produceSeconds,
      consumeCpuMicrosPerMessage: consumeCpu / task.messages,
      consumePerSecond: task.messages / consumeSeconds,
      peakRssMiB: peakRss / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

const task = JSON.parse(process.argv[2] ?? '{}') as CodecTask;
const reply = (message: WorkerReply<CodecCellResult>, code: number): void => void process.send?.(message, () => process.exit(code));
run(task).then(
  (result) => reply({ ok: true, result }, 0),
  (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }, 1),
);
