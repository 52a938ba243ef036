import type { CountMessage, MachineMessage, StateMessage } from '../machine-message';

/** A stretch of one state of one work unit, rebuilt from its state messages. */
export interface StateInterval {
  state: StateMessage['state'];
  reasonCode: string | undefined;
  start: number;
  end: number;
}

export const statesOf = (messages: MachineMessage[], workUnitId: string): StateMessage[] =>
  messages.filter((message): message is StateMessage => message.kind === 'state' && message.workUnitId === workUnitId);

export const countsOf = (messages: MachineMessage[], workUnitId: string): CountMessage[] =>
  messages.filter((message): message is CountMessage => message.kind === 'count' && message.workUnitId === workUnitId);

/** Each state lasts until the next message of the unit, the last one until `end`. */
export function intervalsOf(messages: MachineMessage[], workUnitId: string, end: string): StateInterval[] {
  const states = statesOf(messages, workUnitId);
  return states.map((message, i) => ({
    state: message.state,
    reasonCode: message.reasonCode,
    start: Date.parse(message.since),
    end: Date.parse(states[i + 1]?.since ?? end),
  }));
}

export const hoursIn = (intervals: StateInterval[], state: StateInterval['state']): number =>
  intervals.filter((interval) => interval.state === state).reduce((sum, interval) => sum + interval.end - interval.start, 0) / 3_600_000;

/** How often the unit went from one state into another. */
export const transitions = (intervals: StateInterval[], from: StateInterval['state'], to: StateInterval['state']): number =>
  intervals.filter((interval, i) => i > 0 && interval.state === to && intervals[i - 1].state === from).length;

export const totals = (counts: CountMessage[]): { good: number; scrap: number; rework: number; produced: number } => {
  const good = counts.reduce((sum, count) => sum + count.good, 0);
  const scrap = counts.reduce((sum, count) => sum + count.scrap, 0);
  const rework = counts.reduce((sum, count) => sum + count.rework, 0);
  return { good, scrap, rework, produced: good + scrap + rework };
};
