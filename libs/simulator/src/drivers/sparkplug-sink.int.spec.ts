import { loadMappings, SparkplugHost, type MachineSignal } from '@quadrant/sparkplug';
import { demoPlantConfig } from '../plant-config/demo-plant-config';
import { simulate } from '../model/plant-simulation';
import type { MachineMessage } from '../model/machine-message';
import { createSparkplugSink, sparkplugLayout, sparkplugMappingsFor } from './sparkplug-sink';

const url = process.env['MQTT_URL'] ?? '';
if (!url) throw new Error('MQTT_URL is not set: the int tier needs an MQTT broker (see libs/testing/src/global-setup.ts)');

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const groupId = `sim-${run}`;
const workUnitIds = ['press-1', 'press-2', 'weld-1', 'weld-2', 'paint-1', 'pack-1'];
const layout = sparkplugLayout(workUnitIds, 4);

/** Edge nodes publish side by side: the order that holds is each work unit's own (a stable sort keeps it). */
const byWorkUnit = (lines: string[]): string[] => [...lines].sort((a, b) => a.split(' ')[0]?.localeCompare(b.split(' ')[0] ?? '') ?? 0);

/** What the host should make of the simulator's messages: a state per state message, parts per unit. */
function expected(messages: MachineMessage[]): { states: string[]; parts: Map<string, string> } {
  const parts = new Map<string, { good: number; scrap: number; rework: number }>();
  for (const message of messages) {
    if (message.kind !== 'count') continue;
    const total = parts.get(message.workUnitId) ?? { good: 0, scrap: 0, rework: 0 };
    parts.set(message.workUnitId, { good: total.good + message.good, scrap: total.scrap + message.scrap, rework: total.rework + message.rework });
  }
  return {
    states: byWorkUnit(messages.flatMap((m) => (m.kind === 'state' ? [`${m.workUnitId} ${m.state} ${m.reasonCode ?? '-'} ${m.since}`] : []))),
    parts: new Map([...parts].map(([unit, total]) => [unit, JSON.stringify(total)])),
  };
}

function received(signals: MachineSignal[]): { states: string[]; parts: Map<string, string> } {
  const parts = new Map<string, { good: number; scrap: number; rework: number }>();
  for (const signal of signals) {
    if (signal.kind !== 'count') continue;
    const total = parts.get(signal.workUnitId) ?? { good: 0, scrap: 0, rework: 0 };
    parts.set(signal.workUnitId, { good: total.good + signal.good, scrap: total.scrap + signal.scrap, rework: total.rework + signal.rework });
  }
  return {
    states: byWorkUnit(signals.flatMap((s) => (s.kind === 'state' ? [`${s.workUnitId} ${s.state} ${s.reasonCode ?? '-'} ${s.since}`] : []))),
    parts: new Map([...parts].map(([unit, total]) => [unit, JSON.stringify(total)])),
  };
}

describe('the simulator over MQTT Sparkplug B', () => {
  it('reaches a Sparkplug host as the same states, reasons, times and parts it simulated', async () => {
    const messages = simulate(demoPlantConfig(workUnitIds), { seed: 7, start: '2026-11-16T05:30:00Z', end: '2026-11-16T10:00:00Z' });
    expect(messages.filter((m) => m.kind === 'count').length).toBeGreaterThan(100);
    const signals: MachineSignal[] = [];
    const host = new SparkplugHost({
      url,
      hostId: `quadrant-sim-${run}`,
      groups: [groupId],
      mappings: loadMappings(sparkplugMappingsFor(groupId, layout)),
      sink: async (batch) => void signals.push(...batch),
      onAction: (action) => {
        throw new Error(`unexpected host action: ${JSON.stringify(action)}`);
      },
    });
    await host.start();
    // QoS 1 so that the broker cannot drop a message on the way: the comparison is of content, not delivery.
    const { sink, close } = createSparkplugSink({ url, groupId, layout, qos: 1 });
    try {
      for (let from = 0; from < messages.length; from += 250) await sink(messages.slice(from, from + 250));
      const want = expected(messages);
      for (const deadline = Date.now() + 10_000; signals.length < messages.length && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 25));
      const got = received(signals);
      expect(got.states).toEqual(want.states);
      expect(got.parts).toEqual(want.parts);
    } finally {
      await close();
      await host.stop();
    }
  });

  it('refuses a message of a work unit that has no device in the layout, naming it', async () => {
    const { sink, close } = createSparkplugSink({ url, groupId, layout });
    try {
      await expect(sink([{ kind: 'state', messageId: 'x', workUnitId: 'lathe-9', state: 'Idle', since: '2026-11-16T06:00:00Z' }])).rejects.toThrow('work unit "lathe-9" has no Sparkplug device in the layout');
    } finally {
      await close();
    }
  });
});
