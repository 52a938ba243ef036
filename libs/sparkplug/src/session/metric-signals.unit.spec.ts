import { loadMappings } from '../mapping/load-mappings';
import { at, dbirth, ddata, good, iso, MAPPINGS, nbirth, pressBirth, reason, rework, scrap, state } from '../testing/messages';
import { TrackerSpecification } from '../testing/tracker-specification';

const spec = TrackerSpecification(loadMappings(MAPPINGS));
const bornWith = (values: Parameters<typeof pressBirth>[0] = {}) => [nbirth(7), dbirth('press-1', 1, pressBirth(values))];

describe('Sparkplug metrics as machine signals', () => {
  describe('state', () => {
    it('is dated by the metric’s timestamp first', () => {
      spec.given(bornWith()).when(ddata('press-1', 2, [state(2, 4)], { second: 5 })).thenSignals([{ kind: 'state', state: 'Idle', since: iso(4) }]);
    });

    it('is dated by the payload’s timestamp when the metric has none', () => {
      spec.given(bornWith()).when(ddata('press-1', 2, [state(2)], { second: 6, timestamp: 5 })).thenSignals([{ since: iso(5) }]);
    });

    it('is dated by its arrival when the message has no timestamp at all', () => {
      spec.given(bornWith()).when(ddata('press-1', 2, [state(2)], { second: 6, timestamp: null })).thenSignals([{ since: iso(6) }]);
    });

    it('is not given for a value the mapping does not know, and the operator is told', () => {
      spec
        .given(bornWith())
        .when(ddata('press-1', 2, [state(42)]))
        .then({ actions: [{ type: 'warn', code: 'UNMAPPED_STATE_VALUE', workUnitId: 'press-1', detail: 'State = "42" maps to no state' }] });
    });

    it('takes the reason metric over the value’s fixed reason code', () => {
      spec.given(bornWith()).when(ddata('press-1', 2, [reason('JAM'), state(3)])).thenSignals([{ state: 'Down', reasonCode: 'JAM' }]);
    });

    it('leaves a lingering reason off a Running state', () => {
      const { signals } = spec.given(bornWith({ reason: 'JAM' })).when(ddata('press-1', 2, [state(1)])).result();
      expect(signals).toEqual([expect.objectContaining({ state: 'Running' })]);
      expect(signals[0]).not.toHaveProperty('reasonCode');
    });

    it('re-states the current state when only the reason changes', () => {
      spec.given(bornWith({ state: 3, reason: 'JAM' })).when(ddata('press-1', 2, [reason('TOOL')])).thenSignals([{ state: 'Down', reasonCode: 'TOOL' }]);
    });

    it('skips historical (back-filled) values', () => {
      spec.given(bornWith()).when(ddata('press-1', 2, [{ ...state(3), isHistorical: true }])).thenNothing();
    });
  });

  describe('cumulative counters', () => {
    it('take the birth’s total as a baseline, not as parts made', () => {
      spec.given([nbirth(7)]).when(dbirth('press-1', 1, pressBirth({ good: 500, state: 1 }))).thenSignals([{ kind: 'state' }]);
    });

    it('count the increase over the last total, good, scrap and rework in one signal', () => {
      spec
        .given(bornWith({ good: 500, scrap: 3 }))
        .when(ddata('press-1', 2, [good(504), scrap(4), rework(2)], { second: 7 }))
        .thenSignals([{ kind: 'count', workUnitId: 'press-1', at: iso(7), good: 4, scrap: 1, rework: 2 }]);
    });

    it('give nothing when the total has not moved', () => {
      spec.given(bornWith({ good: 500 })).when(ddata('press-1', 2, [good(500)])).thenNothing();
    });

    it('take a lower total as a counter restarted from zero: never a negative count', () => {
      spec.given(bornWith({ good: 500 })).when(ddata('press-1', 2, [good(3)])).thenSignals([{ kind: 'count', good: 3 }]);
    });

    it('count the parts of dropped messages once, when the rebirth brings the new total', () => {
      const droppedAfterGap = ddata('press-1', 9, [good(510)]);
      spec
        .given([...bornWith({ good: 500 }), ddata('press-1', 2, [good(505)]), droppedAfterGap, nbirth(7, [], { second: 1 })])
        .when(dbirth('press-1', 1, pressBirth({ good: 512 }), { second: 1 }))
        .thenSignals([{ kind: 'state' }, { kind: 'count', good: 7 }]);
    });

    it('carry their baseline across sessions, so a rebirth of an unchanged total counts nothing', () => {
      spec.given([...bornWith({ good: 500 }), nbirth(8, [], { second: 1 })]).when(dbirth('press-1', 1, pressBirth({ good: 500 }))).thenSignals([{ kind: 'state' }]);
    });
  });

  describe('cumulative counters after a restart, with baselines seeded', () => {
    const known = new Map([['press-1', { goodCount: '500', scrapCount: 3 }]]);

    it('count the first total seen as the increase over the seeded baseline, not as a new baseline', () => {
      spec.given([nbirth(7)], known).when(dbirth('press-1', 1, pressBirth({ good: 512, scrap: 4 }))).thenSignals([{ kind: 'state' }, { kind: 'count', good: 12, scrap: 1, rework: 0 }]);
    });

    it('count nothing when the total has not moved while the host was down', () => {
      spec.given([nbirth(7)], known).when(dbirth('press-1', 1, pressBirth({ good: 500, scrap: 3 }))).thenSignals([{ kind: 'state' }]);
    });

    it('still take a total below the seeded baseline as a counter restarted from zero', () => {
      spec.given([nbirth(7)], known).when(dbirth('press-1', 1, pressBirth({ good: 2, scrap: 3 }))).thenSignals([{ kind: 'state' }, { kind: 'count', good: 2, scrap: 0 }]);
    });

    it('take a decimal baseline beyond 2^53 exactly', () => {
      const huge = new Map([['press-1', { goodCount: '9007199254740993' }]]);
      const birth = pressBirth();
      const withHugeGood = birth.map((metric) => (metric.name === 'Good' ? { ...metric, value: 9007199254740995n } : metric));
      spec.given([nbirth(7)], huge).when(dbirth('press-1', 1, withHugeGood)).thenSignals([{ kind: 'state' }, { kind: 'count', good: 2, totals: { goodCount: '9007199254740995' } }]);
    });

    it('leave out a seeded value that is not a whole, non-negative number: the first total is then a baseline', () => {
      const bad = new Map([['press-1', { goodCount: '-5', scrapCount: 'x' }]]);
      spec.given([nbirth(7)], bad).when(dbirth('press-1', 1, pressBirth({ good: 512, scrap: 4 }))).thenSignals([{ kind: 'state' }]);
    });

    it('leave a work unit without a seeded baseline as before: its first total is a baseline', () => {
      spec.given([nbirth(7)], new Map([['press-9', { goodCount: '1' }]])).when(dbirth('press-1', 1, pressBirth({ good: 512 }))).thenSignals([{ kind: 'state' }]);
    });
  });

  it('gives with each count the cumulative totals it leaves, to keep as the baselines of a restart', () => {
    spec
      .given(bornWith({ good: 500, scrap: 3 }))
      .when(ddata('press-1', 2, [good(504), rework(1)]))
      .thenSignals([{ kind: 'count', good: 4, rework: 1, totals: { goodCount: '504', scrapCount: '3' } }]);
  });

  describe('delta counters', () => {
    it('add each DATA value', () => {
      spec.given(bornWith()).when(ddata('press-1', 2, [rework(2)])).thenSignals([{ kind: 'count', good: 0, scrap: 0, rework: 2 }]);
    });

    it('do not count a birth’s value, which repeats the last reading', () => {
      spec.given([nbirth(7)]).when(dbirth('press-1', 1, pressBirth({ rework: 2 }))).thenSignals([{ kind: 'state' }]);
    });
  });

  it('warns about a counter value that is not a whole non-negative number, and counts nothing for it', () => {
    spec
      .given(bornWith())
      .when(ddata('press-1', 2, [{ alias: 5, value: -2, datatype: 3 }]))
      .then({ actions: [{ type: 'warn', code: 'NOT_A_COUNT', detail: 'Rework = -2 is not a whole, non-negative number' }] });
  });

  it('dates a count by the counter metric’s timestamp first', () => {
    spec.given(bornWith({ good: 1 })).when(ddata('press-1', 2, [{ ...good(2), timestamp: at(3) }], { second: 4 })).thenSignals([{ kind: 'count', at: iso(3) }]);
  });
});
