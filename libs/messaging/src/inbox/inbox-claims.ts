import type { IntegrationEvent } from '@quadrant/contracts';
import type { SqlClient } from '@quadrant/database';

/**
 * What a consumer group has applied, so that a redelivered event is passed over. An event from an event
 * store carries its stream and its position in it (`subject`, `streamposition`), and a stream's events reach
 * the group in order: the relay publishes the log in an order that keeps every stream's own, and Kafka keeps
 * the order of one key (the stream) on its partition. So the group keeps, per stream, the last position it
 * applied (`inbox_streams`, one row per stream, updated once per batch) instead of one row per event for ever:
 * an event at or below it was applied.
 *
 * Should a stream's order ever break (a topic given more partitions moves keys), nothing is lost: a position
 * skipped over is kept as missing, and applied when it comes.
 *
 * An event without a stream position (another producer) is claimed by its id in `inbox`, as are the
 * dead-lettered ones (a record for operators). Events applied before the stream rows existed have only their
 * `inbox` row: a stream this group has no row for yet is checked there first.
 */
export interface StreamProgress {
  /** The last position applied. */
  position: number;
  /** Positions below it not seen yet, as inclusive ranges: [from, to, from, to, ...]. */
  missing: readonly number[];
}

export interface StreamClaim extends StreamProgress {
  streamId: string;
  /** True when `missing` differs from what the stream's row holds. */
  missingChanged: boolean;
}

export interface FreshEvents {
  /** The events to apply, in delivery order. */
  fresh: IntegrationEvent[];
  /** The new progress of each stream that has fresh events. */
  claims: StreamClaim[];
  /** Fresh events without a stream position: claimed by id. */
  byId: IntegrationEvent[];
  /** Positions skipped over, by stream: `[from, to]`, inclusive. */
  gaps: { streamId: string; from: number; to: number }[];
}

function isMissing(missing: readonly number[], position: number): boolean {
  for (let i = 0; i < missing.length; i += 2) if ((missing[i] ?? 0) <= position && position <= (missing[i + 1] ?? -1)) return true;
  return false;
}

function withoutPosition(missing: readonly number[], position: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < missing.length; i += 2) {
    const from = missing[i] ?? 0;
    const to = missing[i + 1] ?? -1;
    if (position < from || position > to) out.push(from, to);
    else {
      if (from < position) out.push(from, position - 1);
      if (position < to) out.push(position + 1, to);
    }
  }
  return out;
}

/**
 * Decides which events of a delivery are fresh, given each stream's progress (`applied`) and the ids of
 * events of streams without one that the group's inbox already holds (`inInbox`).
 */
export function freshEvents(events: readonly IntegrationEvent[], applied: ReadonlyMap<string, StreamProgress>, inInbox: ReadonlySet<string>): FreshEvents {
  const progress = new Map<string, StreamProgress>(applied);
  const claimed = new Set<string>();
  const seenIds = new Set<string>();
  const fresh: IntegrationEvent[] = [];
  const byId: IntegrationEvent[] = [];
  const gaps: FreshEvents['gaps'] = [];
  for (const event of events) {
    if (seenIds.has(event.id)) continue; // twice in one delivery
    seenIds.add(event.id);
    const position = event.streamposition;
    if (!(position > 0)) {
      if (inInbox.has(event.id)) continue;
      byId.push(event);
      fresh.push(event);
      continue;
    }
    const stream = event.subject;
    const current = progress.get(stream);
    if (!current) {
      // Applied before the stream rows existed: the stream's progress stays unknown until an event of it
      // is applied here, and starts at that event.
      if (inInbox.has(event.id)) continue;
      progress.set(stream, { position, missing: [] });
    } else if (position <= current.position) {
      if (!isMissing(current.missing, position)) continue; // applied: a redelivery
      progress.set(stream, { position: current.position, missing: withoutPosition(current.missing, position) });
    } else {
      const missing = [...current.missing];
      if (position > current.position + 1) {
        missing.push(current.position + 1, position - 1);
        gaps.push({ streamId: stream, from: current.position + 1, to: position - 1 });
      }
      progress.set(stream, { position, missing });
    }
    claimed.add(stream);
    fresh.push(event);
  }
  const claims = [...claimed].map((streamId): StreamClaim => {
    const now = progress.get(streamId) ?? { position: 0, missing: [] };
    const before = applied.get(streamId)?.missing ?? [];
    return { streamId, position: now.position, missing: now.missing, missingChanged: now.missing.join() !== before.join() };
  });
  return { fresh, claims, byId, gaps };
}

/** Another delivery of the same streams claimed them first (a consumer group rebalancing): the batch rolls back and is tried again. */
export class ConcurrentDeliveryError extends Error {
  constructor(streams: readonly string[]) {
    super(`another delivery claimed stream ${streams.slice(0, 3).join(', ')}${streams.length > 3 ? ` and ${streams.length - 3} more` : ''} first`);
    this.name = 'ConcurrentDeliveryError';
  }
}

/**
 * Claims a delivery's fresh events inside the transaction that applies them, and answers them. Steady
 * state, one statement: the streams' rows are moved to the batch's last positions, handing back what they
 * held (the row lock orders two deliveries of one stream). Streams without a row take a look in the inbox
 * and an insert; events without a stream position an inbox row each; a stream whose missing positions
 * changed one more update.
 */
export async function claimFresh(
  tx: SqlClient,
  s: string,
  statementKey: string,
  groupId: string,
  topic: string,
  events: readonly IntegrationEvent[],
): Promise<Pick<FreshEvents, 'fresh' | 'gaps'>> {
  const streams = new Map<string, number>();
  for (const event of events) {
    if (event.streamposition > 0) streams.set(event.subject, Math.max(streams.get(event.subject) ?? 0, event.streamposition));
  }
  // `previous_position` keeps what the row held before this update: the last position applied. `missing`
  // is not changed here, so it comes back as it was.
  const moved =
    streams.size === 0
      ? []
      : await tx.query<{ stream_id: string; previous_position: number; missing: number[] }>(
          `update ${s}.inbox_streams as st
              set previous_position = st.stream_position, stream_position = greatest(st.stream_position, t.position), updated_at = now()
             from unnest($3::text[], $4::int[]) as t(stream_id, position)
            where st.group_id = $1 and st.topic = $2 and st.stream_id = t.stream_id
           returning st.stream_id, st.previous_position, st.missing`,
          [groupId, topic, [...streams.keys()], [...streams.values()]],
          { prepareAs: `inbox-streams-claim:${statementKey}` },
        );
  const applied = new Map(moved.map((row) => [row.stream_id, { position: row.previous_position, missing: row.missing }]));
  const unknown = events.filter((event) => !(event.streamposition > 0) || !applied.has(event.subject));
  const inInbox =
    unknown.length === 0
      ? new Set<string>()
      : new Set(
          (
            await tx.query<{ event_id: string }>(`select event_id from ${s}.inbox where group_id = $1 and event_id = any($2::text[])`, [
              groupId,
              unknown.map((event) => event.id),
            ])
          ).map((row) => row.event_id),
        );
  const { fresh, claims, byId, gaps } = freshEvents(events, applied, inInbox);
  const newStreams = claims.filter((claim) => !applied.has(claim.streamId));
  if (newStreams.length > 0) {
    const inserted = await tx.query<{ stream_id: string }>(
      `insert into ${s}.inbox_streams (group_id, topic, stream_id, stream_position, previous_position, missing)
       select $1, $2, stream_id, position, 0, missing::int[] from unnest($3::text[], $4::int[], $5::text[]) as t(stream_id, position, missing)
       on conflict do nothing returning stream_id`,
      [groupId, topic, newStreams.map((claim) => claim.streamId), newStreams.map((claim) => claim.position), newStreams.map((claim) => `{${claim.missing.join(',')}}`)],
    );
    if (inserted.length < newStreams.length) {
      const got = new Set(inserted.map((row) => row.stream_id));
      throw new ConcurrentDeliveryError(newStreams.filter((claim) => !got.has(claim.streamId)).map((claim) => claim.streamId));
    }
  }
  const missingChanged = claims.filter((claim) => applied.has(claim.streamId) && claim.missingChanged);
  if (missingChanged.length > 0) {
    await tx.query(
      `update ${s}.inbox_streams as st set missing = t.missing::int[]
         from unnest($3::text[], $4::text[]) as t(stream_id, missing)
        where st.group_id = $1 and st.topic = $2 and st.stream_id = t.stream_id`,
      [groupId, topic, missingChanged.map((claim) => claim.streamId), missingChanged.map((claim) => `{${claim.missing.join(',')}}`)],
    );
  }
  if (byId.length > 0) {
    const inserted = await tx.query<{ event_id: string }>(
      `insert into ${s}.inbox (group_id, event_id, topic) select $1, id, $2 from unnest($3::text[]) as t(id) on conflict do nothing returning event_id`,
      [groupId, topic, byId.map((event) => event.id)],
    );
    if (inserted.length < byId.length) {
      // Claimed by another delivery between the look and the insert: not fresh after all.
      const got = new Set(inserted.map((row) => row.event_id));
      return { fresh: fresh.filter((event) => event.streamposition > 0 || got.has(event.id)), gaps };
    }
  }
  return { fresh, gaps };
}
