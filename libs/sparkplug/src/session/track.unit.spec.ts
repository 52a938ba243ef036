import { loadMappings } from '../mapping/load-mappings';
import { dbirth, ddata, ddeath, iso, MAPPINGS, nbirth, ncmd, ndata, ndeath, pressBirth, state } from '../testing/messages';
import { TrackerSpecification } from '../testing/tracker-specification';
import { REBIRTH_RETRY_MS } from './sequence';

const spec = TrackerSpecification(loadMappings(MAPPINGS));
const born = [nbirth(7), dbirth('press-1', 1, pressBirth())];

describe('Sparkplug session tracking', () => {
  describe('before any birth', () => {
    it('asks the edge node for a rebirth and trusts none of the data', () => {
      spec
        .given([])
        .when(ddata('press-1', 5, [state(2)]))
        .then({ actions: [{ type: 'rebirth', groupId: 'plant-a', edgeNodeId: 'line-1', reason: 'DATA_BEFORE_BIRTH' }] });
    });

    it('asks only once while the rebirth is on its way', () => {
      spec.given([ddata('press-1', 5, [state(2)])]).when(ddata('press-1', 6, [state(1)], { second: 1 })).thenNothing();
    });

    it('asks again when data still comes after the retry interval (the command may have been lost)', () => {
      spec
        .given([ddata('press-1', 5, [state(2)])])
        .when(ddata('press-1', 6, [state(1)], { second: REBIRTH_RETRY_MS / 1000 }))
        .then({ actions: [{ type: 'rebirth', reason: 'DATA_BEFORE_BIRTH' }] });
    });

    it('ignores an NDEATH: without a birth it cannot be told stale from current', () => {
      spec.given([]).when(ndeath(7)).thenNothing();
    });
  });

  describe('when born', () => {
    it('takes the device birth as the current state', () => {
      spec.given([nbirth(7)]).when(dbirth('press-1', 1, pressBirth({ state: 2 }), { second: 1 })).thenSignals([
        { kind: 'state', workUnitId: 'press-1', state: 'Idle', since: iso(1) },
      ]);
    });

    it('takes data that follows in seq', () => {
      spec.given(born).when(ddata('press-1', 2, [state(3)], { second: 2 })).thenSignals([
        { kind: 'state', workUnitId: 'press-1', state: 'Down', reasonCode: 'FAULT', since: iso(2) },
      ]);
    });

    it('follows seq from 255 around to 0', () => {
      const upTo255 = Array.from({ length: 254 }, (_, index) => ddata('press-1', index + 2, []));
      spec.given([...born, ...upTo255]).when(ddata('press-1', 0, [state(2)])).thenSignals([{ kind: 'state', state: 'Idle' }]);
    });

    it('reads a value sent without datatype as the birth typed it (Int8 0xFF is -1)', () => {
      spec.given(born).when(ddata('press-1', 2, [{ alias: 1, value: 255 }])).thenSignals([{ kind: 'state', state: 'Down', reasonCode: 'ESTOP' }]);
    });

    it('maps the edge node’s own metrics to its work unit', () => {
      spec
        .given([nbirth(7, [{ name: 'Mode', alias: 10, datatype: 12, value: 'SETUP' }])])
        .when(ndata(1, [{ alias: 10, value: 'RUN' }]))
        .thenSignals([{ kind: 'state', workUnitId: 'line-1-cell', state: 'Running' }]);
    });

    it('ignores commands from host applications: they are not in the node’s seq', () => {
      spec.given(born).when(ncmd([{ name: 'Node Control/Rebirth', value: true }])).thenNothing();
    });
  });

  describe('when a seq is missing', () => {
    const gap = ddata('press-1', 3, [state(3)]);

    it('asks for a rebirth and drops the message', () => {
      spec.given(born).when(gap).then({ actions: [{ type: 'rebirth', reason: 'SEQ_GAP', detail: 'DDATA seq 3, expected 2' }] });
    });

    it('drops what follows, even in seq, until the rebirth', () => {
      spec.given([...born, gap]).when(ddata('press-1', 4, [state(2)], { second: 1 })).thenNothing();
    });

    it('trusts the node again once it is born again', () => {
      spec
        .given([...born, gap, nbirth(7, [], { second: 1 })])
        .when(dbirth('press-1', 1, pressBirth({ state: 3 }), { second: 1 }))
        .thenSignals([{ kind: 'state', state: 'Down' }]);
    });

    it('takes a repeat of the last seq as a duplicate delivery, not a gap', () => {
      spec.given([...born, ddata('press-1', 2, [state(2)])]).when(ddata('press-1', 2, [state(2)])).thenNothing();
    });
  });

  describe('when an alias was not in the birth', () => {
    it('asks for a rebirth and drops the whole message, known metrics included', () => {
      spec
        .given(born)
        .when(ddata('press-1', 2, [state(2), { alias: 99, value: 1 }]))
        .then({ actions: [{ type: 'rebirth', reason: 'UNKNOWN_ALIAS', detail: 'alias 99 was not in the birth' }] });
    });
  });

  describe('devices', () => {
    it('asks for a rebirth on data from a device that was not born', () => {
      spec.given(born).when(ddata('oven-1', 2, [{ name: 'Heating', value: true }])).then({ actions: [{ type: 'rebirth', reason: 'DATA_BEFORE_BIRTH' }] });
    });

    it('disconnects the work units of a dead device, and only those', () => {
      spec.given(born).when(ddeath('press-1', 2, { second: 3 })).thenSignals([{ kind: 'disconnected', workUnitId: 'press-1', since: iso(3) }]);
    });

    it('asks for a rebirth on data from a dead device', () => {
      spec.given([...born, ddeath('press-1', 2)]).when(ddata('press-1', 3, [state(1)])).then({ actions: [{ type: 'rebirth', reason: 'DATA_BEFORE_BIRTH' }] });
    });
  });

  describe('edge node death', () => {
    it('disconnects every work unit of the node on the NDEATH of the current session, dated by its arrival', () => {
      spec.given(born).when(ndeath(7, { second: 9, timestamp: 0 })).thenSignals([
        { kind: 'disconnected', workUnitId: 'press-1', since: iso(9) },
        { kind: 'disconnected', workUnitId: 'oven-1', since: iso(9) },
        { kind: 'disconnected', workUnitId: 'line-1-cell', since: iso(9) },
      ]);
    });

    it('ignores a stale NDEATH from an earlier connection', () => {
      spec.given(born).when(ndeath(6)).thenNothing();
    });

    it('honours the current NDEATH of a node that went stale after a gap', () => {
      spec.given([...born, ddata('press-1', 9, [])]).when(ndeath(7)).then({ signals: [{ kind: 'disconnected' }, { kind: 'disconnected' }, { kind: 'disconnected' }] });
    });

    it('asks for a rebirth on data after the death', () => {
      spec.given([...born, ndeath(7)]).when(ddata('press-1', 2, [state(1)])).then({ actions: [{ type: 'rebirth', reason: 'DATA_BEFORE_BIRTH' }] });
    });
  });

  describe('a new NBIRTH', () => {
    it('starts a new session in which every device must be born again', () => {
      spec.given([...born, nbirth(8)]).when(ddata('press-1', 1, [state(2)])).then({ actions: [{ type: 'rebirth', reason: 'DATA_BEFORE_BIRTH' }] });
    });

    it('makes the previous session’s NDEATH stale', () => {
      spec.given([...born, nbirth(8)]).when(ndeath(7)).thenNothing();
    });
  });

  describe('message ids', () => {
    const first = (given: Parameters<typeof spec.given>[0], when: Parameters<ReturnType<typeof spec.given>['when']>[0]): string | undefined =>
      spec.given(given).when(when).result().signals[0]?.messageId;

    it('are the same when the same message is delivered again after a restart of the host', () => {
      const message = ddata('press-1', 2, [state(2)]);
      expect(first(born, message)).toBeDefined();
      expect(first(born, message)).toBe(first(born, { ...message, receivedAt: iso(30) }));
    });

    it('differ between messages', () => {
      expect(first(born, ddata('press-1', 2, [state(2)]))).not.toBe(first(born, ddata('press-1', 2, [state(2)], { timestamp: 1 })));
      expect(first([nbirth(7)], dbirth('press-1', 1, pressBirth()))).not.toBe(first([nbirth(8)], dbirth('press-1', 1, pressBirth())));
    });
  });
});
