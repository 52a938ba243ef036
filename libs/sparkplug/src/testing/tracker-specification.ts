import type { SparkplugMappings } from '../mapping/mapping';
import { initialSessionState, type CounterBaselines, type SessionState } from '../session/session-state';
import type { HostAction, MachineSignal, SparkplugMessage, TrackResult } from '../session/signals';
import { track } from '../session/track';

type Expected<T> = Partial<T> & Record<string, unknown>;

/**
 * given (messages already tracked) / when (one more message) / then (its signals and actions):
 *
 *   spec.given([nbirth(0), dbirth('press-1', 1, pressBirth())]).when(ddata('press-1', 3, [])).thenActions([{ type: 'rebirth', reason: 'SEQ_GAP' }]);
 *
 * Signals and actions are matched in order with toMatchObject, so a spec names only what it is about.
 */
export function TrackerSpecification(mappings: SparkplugMappings) {
  const run = (given: SparkplugMessage[], when: SparkplugMessage, baselines?: CounterBaselines): TrackResult => {
    const state = given.reduce<SessionState>((current, message) => track(current, message, mappings).state, initialSessionState(baselines));
    return track(state, when, mappings);
  };
  return {
    /** `baselines`: the counter totals the host starts with, as after a restart. */
    given(messages: SparkplugMessage[], baselines?: CounterBaselines) {
      return {
        when(message: SparkplugMessage) {
          const result = (): TrackResult => run(messages, message, baselines);
          return {
            result,
            then(expected: { signals?: Expected<MachineSignal>[]; actions?: Expected<HostAction>[] }): void {
              const { signals, actions } = result();
              expect(signals).toHaveLength(expected.signals?.length ?? 0);
              expect(actions).toHaveLength(expected.actions?.length ?? 0);
              expect(signals).toMatchObject(expected.signals ?? []);
              expect(actions).toMatchObject(expected.actions ?? []);
            },
            thenSignals(expected: Expected<MachineSignal>[]): void {
              const { signals, actions } = result();
              expect(actions.filter((action) => action.type === 'rebirth')).toEqual([]);
              expect(signals).toHaveLength(expected.length);
              expect(signals).toMatchObject(expected);
            },
            thenNothing(): void {
              expect(result()).toMatchObject({ signals: [], actions: [] });
            },
          };
        },
      };
    },
  };
}
