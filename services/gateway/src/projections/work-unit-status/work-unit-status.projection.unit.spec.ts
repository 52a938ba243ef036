import { at, defined, pressPath, ProjectionSpecification, stateChanged } from '../../testing/projection-specification';
import type { ProductionFact } from '../production-facts';
import { projectWorkUnitStatus, workUnitStatusKeyOf } from './work-unit-status.projection';

const spec = ProjectionSpecification(projectWorkUnitStatus);
const press = defined('press-1', 'WorkUnit', pressPath.slice(0, -1));
const t = (minute: number): string => `2026-11-02T06:${String(minute).padStart(2, '0')}:00.000Z`;

function reasonCorrected(streamPosition: number, since: string, reasonCode: string, reasonText?: string): ProductionFact {
  return {
    type: 'WorkUnitStopReasonCorrected',
    eventId: `press-1-${streamPosition}`,
    streamPosition,
    occurredAt: t(30),
    actor: 'supervisor.sam',
    correlationId: null,
    data: { workUnitId: 'press-1', since, state: 'Down', reasonCode, ...(reasonText ? { reasonText } : {}), correctedAt: t(30), path: pressPath },
  };
}

describe('work unit status projection', () => {
  describe('when a work unit is defined', () => {
    it('knows it as Unknown since its definition, until it reports', () => {
      spec.given().when(press).then({
        workUnitId: 'press-1',
        state: 'Unknown',
        since: at,
        reasonCode: null,
        reasonText: null,
        path: pressPath,
        streamPosition: 1,
        eventId: 'def-press-1',
      });
    });

    it('keeps no status for other levels', () => {
      const line = defined('line-1', 'WorkCenter', ['acme', 'lyon', 'stamping']);
      expect(workUnitStatusKeyOf(line)).toBeUndefined();
      spec.given().when(line).thenNothingIsWritten(/no equipment state/);
    });
  });

  describe('when the work unit reports a state', () => {
    it('takes the new state with its reason and source time', () => {
      spec
        .given(press, stateChanged(2, 'Running', 'Unknown', t(1)))
        .when(stateChanged(3, 'Down', 'Running', t(5), 'JAM'))
        .then({
          workUnitId: 'press-1',
          state: 'Down',
          since: t(5),
          reasonCode: 'JAM',
          reasonText: 'die jam',
          path: pressPath,
          streamPosition: 3,
          eventId: 'press-1-3',
        });
    });

    it('clears the reason when the unit runs again', () => {
      spec
        .given(press, stateChanged(2, 'Down', 'Unknown', t(1), 'JAM'))
        .when(stateChanged(3, 'Running', 'Down', t(9)))
        .then({ workUnitId: 'press-1', state: 'Running', since: t(9), reasonCode: null, reasonText: null, path: pressPath, streamPosition: 3, eventId: 'press-1-3' });
    });

    it('takes a first report even if the definition has not arrived', () => {
      spec.given().when(stateChanged(2, 'Idle', 'Unknown', t(1))).then({
        workUnitId: 'press-1',
        state: 'Idle',
        since: t(1),
        reasonCode: null,
        reasonText: null,
        path: pressPath,
        streamPosition: 2,
        eventId: 'press-1-2',
      });
    });
  });

  describe('when the reason of a stop is corrected', () => {
    const down = stateChanged(3, 'Down', 'Running', t(5), 'JAM');

    it('takes the corrected reason when the stop is the current state', () => {
      spec
        .given(press, down)
        .when(reasonCorrected(4, t(5), 'NO_MATERIAL', 'coil not delivered'))
        .then({
          workUnitId: 'press-1',
          state: 'Down',
          since: t(5),
          reasonCode: 'NO_MATERIAL',
          reasonText: 'coil not delivered',
          path: pressPath,
          streamPosition: 4,
          eventId: 'press-1-4',
        });
    });

    it('recognises the stop by its instant, however the time is spelled', () => {
      spec.given(press, down).when(reasonCorrected(4, '2026-11-02T06:05:00Z', 'NO_MATERIAL')).thenWrites({ reasonCode: 'NO_MATERIAL', since: t(5) });
    });

    it('keeps no text when the correction gives none, as the old text described the old code', () => {
      spec.given(press, down).when(reasonCorrected(4, t(5), 'NO_MATERIAL')).thenWrites({ reasonCode: 'NO_MATERIAL', reasonText: null });
    });

    it('leaves the state alone when the stop is over', () => {
      spec
        .given(press, down, stateChanged(4, 'Running', 'Down', t(9)))
        .when(reasonCorrected(5, t(5), 'NO_MATERIAL'))
        .thenNothingIsWritten(/stop of work unit "press-1" at .* is not its current state/);
    });

    it('writes nothing for a unit with no state yet', () => {
      spec.given().when(reasonCorrected(4, t(5), 'NO_MATERIAL')).thenNothingIsWritten(/not its current state/);
    });
  });

  describe('ordering guard', () => {
    it('does not put back the reported reason when the state change is redelivered after its correction', () => {
      spec
        .given(press, stateChanged(3, 'Down', 'Running', t(5), 'JAM'), reasonCorrected(4, t(5), 'NO_MATERIAL'))
        .when(stateChanged(3, 'Down', 'Running', t(5), 'JAM'))
        .thenNothingIsWritten(/stale: position 3 is not after 4/);
    });

    it('does not apply a correction arriving after a later state change', () => {
      spec
        .given(press, stateChanged(3, 'Down', 'Running', t(5), 'JAM'), stateChanged(5, 'Running', 'Down', t(9)))
        .when(reasonCorrected(4, t(5), 'NO_MATERIAL'))
        .thenNothingIsWritten(/stale: position 4 is not after 5/);
    });

    it('does not roll the state back for an older event arriving late', () => {
      spec
        .given(press, stateChanged(3, 'Down', 'Running', t(5), 'JAM'))
        .when(stateChanged(2, 'Running', 'Unknown', t(1)))
        .thenNothingIsWritten(/stale: position 2 is not after 3/);
    });

    it('writes nothing for a redelivery of the event already applied', () => {
      spec.given(press, stateChanged(2, 'Running', 'Unknown', t(1))).when(stateChanged(2, 'Running', 'Unknown', t(1))).thenNothingIsWritten(/stale/);
    });

    it('does not reset a reporting unit to Unknown when its definition arrives late', () => {
      spec.given(stateChanged(2, 'Running', 'Unknown', t(1))).when(press).thenNothingIsWritten(/stale/);
    });
  });
});
