import { countsOfRun, type WindowCount } from './count-windows';
import { isoInstant, type MachineMessage } from './machine-message';
import { workUnitStreams, type WorkUnitModel } from './compile-work-unit';
import { initialModelState, nextSegment, type Segment } from './work-unit-model';

/** Messages in time order, each with its time in epoch milliseconds for merging without parsing. */
export interface MessageRun {
  messages: MachineMessage[];
  times: number[];
}

/**
 * The I/O-free shell around one unit's model: keeps the model's state between calls, reports a state only
 * when it changes, totals counts per window and numbers the messages. Everything it returns up to a time
 * is fixed once that time is reached, whatever steps the caller took to get there.
 */
export interface WorkUnitStream {
  /** Every message after the previous call up to and including `until`, in time order. */
  advance(until: number): MessageRun;
}

export function createWorkUnitStream(model: WorkUnitModel, seed: number, start: number, windowMs: number): WorkUnitStream {
  const streams = workUnitStreams(seed, model.workUnitId);
  const { workUnitId } = model;
  let state = initialModelState(model, streams, start);
  let reported: Pick<Segment, 'state' | 'reasonCode'> | undefined;
  let sequence = 0;
  // Windows not yet closed, in order; a run only ever adds to the last one or opens later ones.
  const open: WindowCount[] = [];
  // The start is part of the id: a run of the same seed from another start makes other messages, which
  // the platform must not take for replays of this run's.
  const prefix = `sim-${seed}-${isoInstant(start).replace(/[-:]/g, '')}-${workUnitId}-`;
  const messageId = (): string => `${prefix}${sequence++}`;

  const closeWindows = (upTo: number, out: MessageRun): void => {
    for (let first = open[0]; first && (first.index + 1) * windowMs <= upTo; first = open[0]) {
      open.shift();
      const at = (first.index + 1) * windowMs;
      const { good, scrap, rework } = first;
      out.messages.push({ kind: 'count', messageId: messageId(), workUnitId, at: isoInstant(at), good, scrap, rework });
      out.times.push(at);
    }
  };

  const addCounts = (counts: WindowCount[]): void => {
    for (const count of counts) {
      const last = open[open.length - 1];
      if (last && last.index === count.index) {
        last.good += count.good;
        last.scrap += count.scrap;
        last.rework += count.rework;
      } else open.push(count);
    }
  };

  return {
    advance(until) {
      const out: MessageRun = { messages: [], times: [] };
      while (state.at <= until) {
        const next = nextSegment(model, state, streams);
        const { segment } = next;
        state = next.state;
        // A count window that closes as the state changes is reported first: it is about the time before.
        closeWindows(segment.start, out);
        if (!reported || reported.state !== segment.state || reported.reasonCode !== segment.reasonCode) {
          const { reasonCode } = segment;
          out.messages.push({ kind: 'state', messageId: messageId(), workUnitId, state: segment.state, ...(reasonCode ? { reasonCode } : {}), since: isoInstant(segment.start) });
          out.times.push(segment.start);
          reported = { state: segment.state, reasonCode };
        }
        if (segment.cycles) addCounts(countsOfRun({ start: segment.start, end: segment.end, cycles: segment.cycles }, windowMs, model, streams.quality));
      }
      closeWindows(until, out);
      return out;
    },
  };
}
