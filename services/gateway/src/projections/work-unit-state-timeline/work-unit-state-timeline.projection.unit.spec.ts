import { at, defined, stateChanged } from '../../testing/projection-specification';
import { projectWorkUnitStateTimeline } from './work-unit-state-timeline.projection';

describe('work unit state timeline projection', () => {
  it('records each state change as one entry, keyed by its event id', () => {
    expect(projectWorkUnitStateTimeline(stateChanged(4, 'Down', 'Running', at, 'JAM'))).toEqual({
      write: {
        eventId: 'press-1-4',
        workUnitId: 'press-1',
        state: 'Down',
        previousState: 'Running',
        since: at,
        reasonCode: 'JAM',
        reasonText: 'die jam',
        streamPosition: 4,
      },
    });
  });

  it('records nothing for a definition', () => {
    expect(projectWorkUnitStateTimeline(defined('press-1', 'WorkUnit', ['acme']))).toEqual({ skip: expect.any(String) });
  });
});
