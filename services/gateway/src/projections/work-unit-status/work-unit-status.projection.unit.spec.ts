import { at, defined, pressPath, ProjectionSpecification, stateChanged } from '../../testing/projection-specification';
import { projectWorkUnitStatus, workUnitStatusKeyOf } from './work-unit-status.projection';

const spec = ProjectionSpecification(projectWorkUnitStatus);
const press = defined('press-1', 'WorkUnit', pressPath.slice(0, -1));
const t = (minute: number): string => `2026-11-02T06:${String(minute).padStart(2, '0')}:00.000Z`;

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

  describe('ordering guard', () => {
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
