import { at, defined, pressPath, ProjectionSpecification, stateChanged } from '../../testing/projection-specification';
import type { ProductionFact } from '../production-facts';
import { projectStopReason, projectWorkUnitStateTimeline, stopKey, withStopReason } from './work-unit-state-timeline.projection';

const t = (minute: number): string => `2026-11-02T06:${String(minute).padStart(2, '0')}:00.000Z`;

function reasonCorrected(streamPosition: number, since: string, reasonCode: string, reasonText?: string): ProductionFact {
  return {
    type: 'WorkUnitStopReasonCorrected',
    eventId: `press-1-${streamPosition}`,
    streamPosition,
    occurredAt: t(30),
    actor: 'supervisor.sam',
    correlationId: null,
    data: { workUnitId: 'press-1', since, state: 'Down', reasonCode, ...(reasonText ? { reasonText } : {}), previousReasonCode: 'JAM', correctedAt: t(30), path: pressPath },
  };
}

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
        originalReasonCode: null,
        streamPosition: 4,
      },
    });
  });

  it('records nothing for a definition', () => {
    expect(projectWorkUnitStateTimeline(defined('press-1', 'WorkUnit', ['acme']))).toEqual({ skip: expect.any(String) });
  });

  it('adds no entry for a correction: the stop it corrects already has one', () => {
    expect(projectWorkUnitStateTimeline(reasonCorrected(5, t(5), 'NO_MATERIAL'))).toEqual({ skip: expect.stringMatching(/not a state change/) });
  });
});

describe('stop reasons corrected after the fact', () => {
  const spec = ProjectionSpecification(projectStopReason);

  describe('when a stop has no correction yet', () => {
    it('takes the correction as the stop\'s latest reason', () => {
      spec.given().when(reasonCorrected(5, t(5), 'NO_MATERIAL', 'coil not delivered')).then({
        workUnitId: 'press-1',
        since: t(5),
        state: 'Down',
        reasonCode: 'NO_MATERIAL',
        reasonText: 'coil not delivered',
        correctedAt: t(30),
        streamPosition: 5,
        eventId: 'press-1-5',
      });
    });

    it('keeps no text when the correction gives none, as the old text described the old code', () => {
      spec.given().when(reasonCorrected(5, t(5), 'NO_MATERIAL')).thenWrites({ reasonCode: 'NO_MATERIAL', reasonText: null });
    });

    it('writes nothing for a state change', () => {
      spec.given().when(stateChanged(4, 'Down', 'Running', t(5), 'JAM')).thenNothingIsWritten(/does not correct a stop reason/);
    });
  });

  describe('when the stop was corrected already', () => {
    it('takes a later correction', () => {
      spec.given(reasonCorrected(5, t(5), 'NO_MATERIAL')).when(reasonCorrected(7, t(5), 'NO_OPERATOR')).thenWrites({ reasonCode: 'NO_OPERATOR', streamPosition: 7 });
    });

    it('does not go back to an earlier correction arriving late', () => {
      spec.given(reasonCorrected(7, t(5), 'NO_OPERATOR')).when(reasonCorrected(5, t(5), 'NO_MATERIAL')).thenNothingIsWritten(/stale: position 5 is not after 7/);
    });

    it('writes nothing for a redelivery of the correction applied', () => {
      spec.given(reasonCorrected(5, t(5), 'NO_MATERIAL')).when(reasonCorrected(5, t(5), 'NO_MATERIAL')).thenNothingIsWritten(/stale/);
    });
  });

  it('names a stop by its instant, however the time is spelled', () => {
    expect(stopKey('press-1', '2026-11-02T06:05:00Z')).toBe(stopKey('press-1', t(5)));
    expect(stopKey('press-1', t(5))).not.toBe(stopKey('press-2', t(5)));
  });
});

describe('a timeline entry as read', () => {
  const reported = projectWorkUnitStateTimeline(stateChanged(4, 'Down', 'Running', t(5), 'JAM'));
  const entry = 'write' in reported ? reported.write : undefined;

  it('shows its stop\'s corrected reason, and the one reported beside it', () => {
    expect(entry && withStopReason(entry, { reasonCode: 'NO_MATERIAL', reasonText: 'coil not delivered' })).toMatchObject({
      reasonCode: 'NO_MATERIAL',
      reasonText: 'coil not delivered',
      originalReasonCode: 'JAM',
    });
  });

  it('shows the reason reported when the stop was never corrected', () => {
    expect(entry && withStopReason(entry, null)).toEqual(entry);
  });

  it('shows nothing replaced when the stop was corrected back to the reason reported', () => {
    expect(entry && withStopReason(entry, { reasonCode: 'JAM', reasonText: null })).toMatchObject({ reasonCode: 'JAM', reasonText: null, originalReasonCode: null });
  });
});
