/**
 * Kafka record codec: CPU per message to produce and to consume CloudEvents through kafkajs as published,
 * and through kafkajs with Quadrant's record codec (libs/messaging/src/kafka/kafkajs-record-codec.ts).
 * Each cell runs in a fresh process (the codec is installed process-wide); with `--rounds N` the two
 * alternate N times and the medians are reported. Needs KAFKA_BROKERS.
 * `BENCH_KAFKA_MESSAGES` sets the messages per cell (default 50,000), sent in batches of 480 as the relay
 * sends them (48 state changes in 10 requests' worth).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiteOptions } from './options';
import { median } from './store/stats';
import { runWorker } from './worker-process';
import type { CodecCellResult, CodecTask } from './kafka-codec/worker';

const VARIANTS = [
  { name: 'kafkajs 2.2.4 as published', codec: false },
  { name: 'kafkajs with the Quadrant record codec', codec: true },
] as const;

function runCell(task: CodecTask): Promise<CodecCellResult> {
  return runWorker<CodecCellResult>(join(__dirname, 'kafka-codec', 'worker.js'), task, `kafka codec cell (${task.codec ? 'codec' : 'kafkajs'})`, 300_000);
}

export async function runKafkaCodecBench(options: SuiteOptions): Promise<unknown> {
  const given = process.env['KAFKA_BROKERS'];
  if (!given) throw new Error('the kafka-codec benchmark needs Kafka: bash deploy/kafka/kafka.sh start, then KAFKA_BROKERS=127.0.0.1:9092');
  const brokers = given.split(',');
  const messages = Number(process.env['BENCH_KAFKA_MESSAGES'] || 50_000);
  const cells = new Map<string, CodecCellResult[]>(VARIANTS.map((variant) => [variant.name, []]));
  // One unmeasured cell first: a broker just started spends its first seconds compiling.
  await runCell({ codec: true, brokers, messages: Math.min(messages, 10_000), batchSize: 480 });
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
    for (const variant of order) cells.get(variant.name)?.push(await runCell({ codec: variant.codec, brokers, messages, batchSize: 480 }));
  }
  const rows = VARIANTS.map((variant) => {
    const results = cells.get(variant.name) ?? [];
    const of = (pick: (result: CodecCellResult) => number): number => median(results.map(pick));
    return {
      variant: variant.name,
      produceCpuMicrosPerMessage: of((r) => r.produceCpuMicrosPerMessage),
      producePerSecond: of((r) => r.producePerSecond),
      consumeCpuMicrosPerMessage: of((r) => r.consumeCpuMicrosPerMessage),
      consumePerSecond: of((r) => r.consumePerSecond),
      peakRssMiB: of((r) => r.peakRssMiB),
    };
  });
  const n = (value: number, digits = 0): string => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const markdown = [
    `Kafka record codec: ${n(messages)} CloudEvents (17 headers each) per cell, batches of 480, acks=all, idempotent; medians of ${options.rounds} round(s)`,
    '',
    '| client | produce CPU µs/message | produced/s | consume CPU µs/message | consumed/s | peak RSS MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.variant} | ${n(r.produceCpuMicrosPerMessage, 1)} | ${n(r.producePerSecond)} | ${n(r.consumeCpuMicrosPerMessage, 1)} | ${n(r.consumePerSecond)} | ${n(r.peakRssMiB)} |`),
  ].join('\n');
  console.log(`\n${markdown}\n`);
  mkdirSync(join('bench', 'results'), { recursive: true });
  const file = join('bench', 'results', `kafka-codec-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ messages, batchSize: 480, rounds: options.rounds, cells: Object.fromEntries(cells), rows, markdown }, null, 2));
  console.log(`written to ${file}`);
  return rows;
}
