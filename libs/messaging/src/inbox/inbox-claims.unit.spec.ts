import type { IntegrationEvent } from '@quadrant/contracts';
import { stateChangeAt as event } from '../testing/integration-events';
import { freshEvents, type StreamProgress } from './inbox-claims';

const ids = (events: readonly IntegrationEvent[]): string[] => events.map((e) => e.id);
const upTo = (position: number, missing: number[] = []): StreamProgress => ({ position, missing });

describe('freshEvents: which events of a delivery a consumer group applies', () => {
  it('given a stream applied up to 2, when 1 to 4 come, then 3 and 4 are fresh and 4 is claimed', () => {
    const delivery = [event('a1', 'a', 1), event('a2', 'a', 2), event('a3', 'a', 3), event('a4', 'a', 4)];
    const { fresh, claims, byId } = freshEvents(delivery, new Map([['a', upTo(2)]]), new Set());
    expect(ids(fresh)).toEqual(['a3', 'a4']);
    expect(claims).toEqual([{ streamId: 'a', position: 4, missing: [], missingChanged: false }]);
    expect(byId).toEqual([]);
  });

  it('given a stream applied up to 4, when 3 and 4 come again, then nothing is fresh and nothing is claimed', () => {
    const { fresh, claims } = freshEvents([event('a3', 'a', 3), event('a4', 'a', 4)], new Map([['a', upTo(4)]]), new Set());
    expect(fresh).toEqual([]);
    expect(claims).toEqual([]);
  });

  it('given two streams, when their events interleave and one repeats inside the delivery, then each is applied once, in delivery order', () => {
    const delivery = [event('a1', 'a', 1), event('b1', 'b', 1), event('a1', 'a', 1), event('a2', 'a', 2), event('b2', 'b', 2), event('b1', 'b', 1)];
    const { fresh, claims } = freshEvents(delivery, new Map(), new Set());
    expect(ids(fresh)).toEqual(['a1', 'b1', 'a2', 'b2']);
    expect(claims).toEqual([
      { streamId: 'a', position: 2, missing: [], missingChanged: false },
      { streamId: 'b', position: 2, missing: [], missingChanged: false },
    ]);
  });

  it('given a stream with no row whose first events the inbox holds (applied before stream rows), when they come again, then only the later ones are fresh', () => {
    const delivery = [event('a5', 'a', 5), event('a6', 'a', 6), event('a7', 'a', 7)];
    const { fresh, claims } = freshEvents(delivery, new Map(), new Set(['a5', 'a6']));
    expect(ids(fresh)).toEqual(['a7']);
    expect(claims).toEqual([{ streamId: 'a', position: 7, missing: [], missingChanged: false }]);
  });

  it('given a stream with no row whose events the inbox all holds, when they come again, then no position is claimed for it', () => {
    const { fresh, claims } = freshEvents([event('a5', 'a', 5)], new Map(), new Set(['a5']));
    expect(fresh).toEqual([]);
    expect(claims).toEqual([]);
  });

  it('given a stream with a row, when an event the inbox also holds comes after it, then its position decides, not the inbox', () => {
    const { fresh } = freshEvents([event('a3', 'a', 3)], new Map([['a', upTo(2)]]), new Set(['a3']));
    expect(ids(fresh)).toEqual(['a3']);
  });

  it('given events without a stream position, when they come, then they are claimed by id, and one the inbox holds is passed over', () => {
    const { fresh, claims, byId } = freshEvents([event('x', 'other', 0), event('y', 'other', 0)], new Map(), new Set(['y']));
    expect(ids(fresh)).toEqual(['x']);
    expect(ids(byId)).toEqual(['x']);
    expect(claims).toEqual([]);
  });

  it('given a stream applied up to 2, when 5 comes, then 5 is fresh and 3 to 4 are kept as missing, a gap', () => {
    const { fresh, claims, gaps } = freshEvents([event('a5', 'a', 5)], new Map([['a', upTo(2)]]), new Set());
    expect(ids(fresh)).toEqual(['a5']);
    expect(claims).toEqual([{ streamId: 'a', position: 5, missing: [3, 4], missingChanged: true }]);
    expect(gaps).toEqual([{ streamId: 'a', from: 3, to: 4 }]);
  });

  it('given 3 to 4 missing below 5, when 3 comes late and 4 twice, then each is applied once, and nothing is missing after', () => {
    const delivery = [event('a3', 'a', 3), event('a5', 'a', 5), event('a4', 'a', 4), event('a4', 'a', 4)];
    const { fresh, claims, gaps } = freshEvents(delivery, new Map([['a', upTo(5, [3, 4])]]), new Set());
    expect(ids(fresh)).toEqual(['a3', 'a4']);
    expect(claims).toEqual([{ streamId: 'a', position: 5, missing: [], missingChanged: true }]);
    expect(gaps).toEqual([]);
  });

  it('given 3 to 7 missing, when 5 comes, then the range is split around it', () => {
    const { claims } = freshEvents([event('a5', 'a', 5)], new Map([['a', upTo(9, [3, 7])]]), new Set());
    expect(claims).toEqual([{ streamId: 'a', position: 9, missing: [3, 4, 6, 7], missingChanged: true }]);
  });
});
