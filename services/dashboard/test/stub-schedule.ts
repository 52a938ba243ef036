/**
 * The stub gateway's detailed schedule (schemas/graphql/work-schedule.graphql), for the dashboard's browser test:
 * Line 1 of the Lyon plant, six operations of three job orders on its lathe, mill and deburring unit, placed by
 * revision 1 (job orders released) and partly moved by revision 2 (the mill broke down). One operation is
 * locked, two are late, the mill's breakdown and a planned downtime on the deburring unit are bands.
 *
 * Times are hours from an anchor (the stub's start, to the hour), so the default range of the schedule view
 * (from 2 h before now, 24 h long) shows all of it, with the "now" line among the bars.
 */
const HOUR = 3_600_000;
const SITE = 'lyon';

export type TriggerKind = 'JobOrderReleased' | 'Breakdown' | 'RescheduleRequested';

interface Placement {
  workUnitId: string;
  setupStart: number;
  start: number;
  end: number;
}

interface OperationMeta {
  jobOrderId: string;
  segmentId: string;
  productId: string;
  priority: number;
  /** Hours from the anchor. */
  due: number;
  locked: boolean;
}

interface Move {
  jobOrderId: string;
  segmentId: string;
  from: Placement | null;
  to: Placement | null;
}

interface Cause {
  eventId: string;
  type: string;
  occurredAt: number;
  summary: string;
  actor: string | null;
}

interface Unavailability {
  workUnitId: string;
  from: number;
  to: number;
  kind: 'Breakdown' | 'PlannedDowntime';
  reason: string;
}

interface Revision {
  revision: number;
  trigger: { kind: TriggerKind; eventIds: string[]; workUnitId: string | null; reasonCode: string | null; occurredAt: number };
  revisedAt: number;
  moves: Move[];
  /** What the revision reacted to, newest first (the revision itself is put in front). */
  reactedTo: Cause[];
  unavailable: Unavailability[];
}

const OPERATIONS: OperationMeta[] = [
  { jobOrderId: 'jo-1001', segmentId: '10', productId: 'shaft-a', priority: 3, due: 8, locked: false },
  { jobOrderId: 'jo-1001', segmentId: '20', productId: 'shaft-a', priority: 3, due: 8, locked: false },
  { jobOrderId: 'jo-1001', segmentId: '30', productId: 'shaft-a', priority: 3, due: 8, locked: false },
  { jobOrderId: 'jo-1002', segmentId: '10', productId: 'flange-b', priority: 1, due: 12, locked: true },
  { jobOrderId: 'jo-1003', segmentId: '10', productId: 'bracket-c', priority: 2, due: 8, locked: false },
  { jobOrderId: 'jo-1003', segmentId: '20', productId: 'bracket-c', priority: 2, due: 8, locked: false },
];

const iso = (time: number): string => new Date(time).toISOString();
const keyOf = (operation: { jobOrderId: string; segmentId: string }): string => `${operation.jobOrderId}/${operation.segmentId}`;

export class StubSchedule {
  private readonly revisions: Revision[];

  constructor(private readonly anchor: number) {
    const at = (hours: number): number => anchor + hours * HOUR;
    const place = (workUnitId: string, setupStart: number, start: number, end: number): Placement => ({
      workUnitId,
      setupStart: at(setupStart),
      start: at(start),
      end: at(end),
    });
    const first = {
      'jo-1001/10': place('lyon-l1-lathe', -2, -1.5, 1),
      'jo-1002/10': place('lyon-l1-lathe', 1, 1.5, 5),
      'jo-1001/20': place('lyon-l1-mill', 0, 1 / 3, 2.5),
      'jo-1003/10': place('lyon-l1-mill', 2.5, 3, 6.5),
      'jo-1001/30': place('lyon-l1-deburr', 3, 3, 4),
      'jo-1003/20': place('lyon-l1-deburr', 7, 7, 8),
    };
    // The mill broke down an hour ago, expected back in two: what was on it, and what follows, moves later.
    const afterBreakdown = {
      'jo-1001/20': place('lyon-l1-mill', 2, 2 + 1 / 3, 4.5),
      'jo-1003/10': place('lyon-l1-mill', 4.5, 5, 8.5),
      'jo-1001/30': place('lyon-l1-deburr', 5, 5, 6),
      'jo-1003/20': place('lyon-l1-deburr', 9, 9, 10),
    };
    const maintenance: Unavailability = { workUnitId: 'lyon-l1-deburr', from: at(12), to: at(14), kind: 'PlannedDowntime', reason: 'Preventive maintenance' };
    const breakdown: Unavailability = { workUnitId: 'lyon-l1-mill', from: at(-1), to: at(2), kind: 'Breakdown', reason: 'SPINDLE_OVERHEAT' };
    const movesOf = (to: Record<string, Placement>, from: Record<string, Placement> | null): Move[] =>
      Object.entries(to).map(([key, placement]) => {
        const [jobOrderId = '', segmentId = ''] = key.split('/');
        return { jobOrderId, segmentId, from: from?.[key] ?? null, to: placement };
      });
    this.revisions = [
      {
        revision: 1,
        trigger: { kind: 'JobOrderReleased', eventIds: ['evt-jo-1001-released', 'evt-jo-1002-released', 'evt-jo-1003-released'], workUnitId: null, reasonCode: null, occurredAt: at(-5) },
        revisedAt: at(-5) + 2000,
        moves: movesOf(first, null),
        reactedTo: [{ eventId: 'evt-jo-1003-released', type: 'JobOrderReleased', occurredAt: at(-5), summary: 'job order jo-1003 released', actor: 'planner:marie' }],
        unavailable: [maintenance],
      },
      {
        revision: 2,
        trigger: { kind: 'Breakdown', eventIds: ['evt-mill-down'], workUnitId: 'lyon-l1-mill', reasonCode: 'SPINDLE_OVERHEAT', occurredAt: at(-1) },
        revisedAt: at(-1) + 3000,
        moves: movesOf(afterBreakdown, first),
        reactedTo: [{ eventId: 'evt-mill-down', type: 'WorkUnitStateChanged', occurredAt: at(-1), summary: 'lyon-l1-mill Down (SPINDLE_OVERHEAT)', actor: 'plc:lyon-l1-mill' }],
        unavailable: [breakdown, maintenance],
      },
    ];
  }

  /** The current placement of each operation: where the last revision that moved it put it, and which one. */
  private current(): Map<string, { placement: Placement; revision: number }> {
    const placed = new Map<string, { placement: Placement; revision: number }>();
    for (const revision of this.revisions) {
      for (const move of revision.moves) {
        if (move.to === null) placed.delete(keyOf(move));
        else placed.set(keyOf(move), { placement: move.to, revision: revision.revision });
      }
    }
    return placed;
  }

  private latest(): Revision | undefined {
    return this.revisions[this.revisions.length - 1];
  }

  /** `workSchedule`: the operations and downtime on `unitIds` (the scope's work units, in hierarchy order) overlapping [from, to). */
  workSchedule(scope: string, siteId: string | null, unitIds: string[], from: number, to: number) {
    const latest = siteId === SITE ? this.latest() : undefined;
    const placed = latest ? this.current() : new Map<string, { placement: Placement; revision: number }>();
    const overlaps = (start: number, end: number): boolean => start < to && from < end;
    const operations = OPERATIONS.flatMap((meta) => {
      const current = placed.get(keyOf(meta));
      if (!current || !unitIds.includes(current.placement.workUnitId) || !overlaps(current.placement.setupStart, current.placement.end)) return [];
      const dueAt = this.anchor + meta.due * HOUR;
      return [
        {
          jobOrderId: meta.jobOrderId,
          segmentId: meta.segmentId,
          siteId: SITE,
          ...this.placementOut(current.placement),
          locked: meta.locked,
          revision: current.revision,
          productId: meta.productId,
          priority: meta.priority,
          dueAt: iso(dueAt),
          late: current.placement.end > dueAt,
        },
      ];
    }).sort((a, b) => unitIds.indexOf(a.workUnitId) - unitIds.indexOf(b.workUnitId) || Date.parse(a.start) - Date.parse(b.start));
    return {
      scope,
      siteId,
      revision: latest?.revision ?? 0,
      revisedAt: latest ? iso(latest.revisedAt) : null,
      from: iso(from),
      to: iso(to),
      workUnitIds: unitIds,
      operations,
      unavailable: (latest?.unavailable ?? []).filter((band) => unitIds.includes(band.workUnitId) && overlaps(band.from, band.to)).map((band) => this.unavailabilityOut(band)),
    };
  }

  /** `scheduleRevisions`: newest first, at most `last`. */
  scheduleRevisions(siteId: string, last: number) {
    if (siteId !== SITE) return [];
    return [...this.revisions]
      .reverse()
      .slice(0, last)
      .map((revision) => this.revisionOut(revision));
  }

  /** `whyDidOperationMove`: each revision that moved it, newest first, with its causation chain. */
  whyDidOperationMove(jobOrderId: string, segmentId: string) {
    const key = keyOf({ jobOrderId, segmentId });
    return [...this.revisions].reverse().flatMap((revision) => {
      const move = revision.moves.find((candidate) => keyOf(candidate) === key);
      if (!move) return [];
      const causes = [
        {
          eventId: `evt-revision-${revision.revision}`,
          type: 'WorkScheduleRevised',
          occurredAt: iso(revision.revisedAt),
          summary: `schedule of lyon revised (revision ${revision.revision}, moved ${revision.moves.length})`,
          actor: null,
          correlationId: null,
        },
        ...revision.reactedTo.map((cause) => ({ ...cause, occurredAt: iso(cause.occurredAt), correlationId: null })),
      ];
      return [{ revision: this.revisionOut(revision), move: this.moveOut(move), causes }];
    });
  }

  /**
   * A planner asked for a reschedule: revision 3 pulls jo-1003/20 half an hour earlier on the deburring unit
   * (still late). Answers what `scheduleRevised` pushes.
   */
  reviseByRequest(now: number) {
    const previous = this.latest();
    const current = this.current().get('jo-1003/20');
    const revision = (previous?.revision ?? 0) + 1;
    const moves: Move[] = current
      ? [{ jobOrderId: 'jo-1003', segmentId: '20', from: current.placement, to: { ...current.placement, setupStart: current.placement.setupStart - HOUR / 2, start: current.placement.start - HOUR / 2, end: current.placement.end - HOUR / 2 } }]
      : [];
    const added: Revision = {
      revision,
      trigger: { kind: 'RescheduleRequested', eventIds: [`evt-reschedule-${revision}`], workUnitId: null, reasonCode: null, occurredAt: now },
      revisedAt: now + 1000,
      moves,
      reactedTo: [{ eventId: `evt-reschedule-${revision}`, type: 'RescheduleRequested', occurredAt: now, summary: 'reschedule of lyon requested', actor: 'planner:marie' }],
      unavailable: previous?.unavailable ?? [],
    };
    this.revisions.push(added);
    return { scheduleRevised: { siteId: SITE, revision, trigger: this.triggerOut(added), movedCount: moves.length, revisedAt: iso(added.revisedAt) } };
  }

  private placementOut(placement: Placement) {
    return { workUnitId: placement.workUnitId, setupStart: iso(placement.setupStart), start: iso(placement.start), end: iso(placement.end) };
  }

  private moveOut(move: Move) {
    return {
      jobOrderId: move.jobOrderId,
      segmentId: move.segmentId,
      from: move.from ? this.placementOut(move.from) : null,
      to: move.to ? this.placementOut(move.to) : null,
    };
  }

  private unavailabilityOut(band: Unavailability) {
    return { ...band, from: iso(band.from), to: iso(band.to) };
  }

  private triggerOut(revision: Revision) {
    return { ...revision.trigger, occurredAt: iso(revision.trigger.occurredAt) };
  }

  private revisionOut(revision: Revision) {
    const placed = [...this.current().values()].map((current) => current.placement);
    const horizonStart = revision.revisedAt;
    const makespan = Math.max(0, ...placed.map((placement) => placement.end)) - horizonStart;
    return {
      siteId: SITE,
      revision: revision.revision,
      eventId: `evt-revision-${revision.revision}`,
      causationId: revision.trigger.eventIds[revision.trigger.eventIds.length - 1] ?? null,
      trigger: this.triggerOut(revision),
      revisedAt: iso(revision.revisedAt),
      horizonStart: iso(horizonStart),
      operationCount: OPERATIONS.length,
      makespanSeconds: makespan / 1000,
      weightedTardinessSeconds: 0,
      movedCount: revision.moves.length,
      // Field arguments reach a method of the root value's objects (graphql-js's default resolver).
      moved: ({ first }: { first?: number }) => revision.moves.slice(0, first ?? 500).map((move) => this.moveOut(move)),
      unavailable: revision.unavailable.map((band) => this.unavailabilityOut(band)),
    };
  }
}
