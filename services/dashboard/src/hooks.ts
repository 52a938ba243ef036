import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { GraphQLRequestError, liveStatus, onLiveStatus, onReconnected, query, subscribe, type LiveStatus } from './graphql';
import { KPI_CHANGED, type KpiChangedData } from './queries';
import { SCHEDULE_REVISED, type ScheduleRevisedData } from './schedule-queries';
import { overlaps, type ResolvedRange } from './url-state';

export interface QueryState<Data> {
  /** The last answer; kept while a refetch runs, so live updates do not flash the page. */
  data: Data | undefined;
  error: GraphQLRequestError | undefined;
  loading: boolean;
  /** Asks again (the retry button, live updates). */
  reload: () => void;
}

/** The last answers, so back, forward and a return to a view show it at once (and refetch it meanwhile). */
const answers = new Map<string, unknown>();
const MAX_ANSWERS = 200;

function remember(cacheKey: string, data: unknown): void {
  answers.delete(cacheKey);
  answers.set(cacheKey, data);
  if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value ?? '');
}

/**
 * A query that runs again when its variables change or on `reload()`. Answers to superseded requests are
 * dropped. While a request runs, the page shows the last answer to the same query and variables, if any
 * (stale while revalidating), else the last answer of the same `identity` (a preset range sliding with the
 * clock is still the same figures), else nothing: a drill-down never shows the previous scope's figures.
 */
export function useQuery<Data>(document: string, variables: object | null, identity?: string): QueryState<Data> {
  const key = variables === null ? null : JSON.stringify(variables);
  const cacheKey = key === null ? null : `${document}\n${key}`;
  const same = identity ?? key;
  const cached = (): Data | undefined => (cacheKey === null ? undefined : (answers.get(cacheKey) as Data | undefined));
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ same: string | null; data: Data | undefined; error: GraphQLRequestError | undefined; loading: boolean }>(() => ({
    same,
    data: cached(),
    error: undefined,
    loading: key !== null,
  }));
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  useEffect(() => {
    if (key === null || cacheKey === null) return;
    const controller = new AbortController();
    const known = answers.get(cacheKey) as Data | undefined;
    setState((previous) =>
      previous.same === same ? { ...previous, data: known ?? previous.data, loading: true } : { same, data: known, error: undefined, loading: true },
    );
    query<Data>(document, JSON.parse(key) as object, controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        remember(cacheKey, data);
        setState({ same, data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof GraphQLRequestError ? error : new GraphQLRequestError(error instanceof Error ? error.message : String(error), null);
        setState((previous) => ({ same, data: previous.same === same ? previous.data : undefined, error: failure, loading: false }));
      },
    );
    return () => controller.abort();
  }, [document, key, cacheKey, same, generation]);

  // Until the effect has run for other figures, what is in state belongs to the previous ones.
  if (state.same !== same) return { data: cached(), error: undefined, loading: key !== null, reload };
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** The subscriptions' connection state, for the live indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(onLiveStatus, liveStatus);
}

/**
 * Runs `refresh` when the subscription `document(variables)` pushes something `accepts` takes, at most once
 * per `delayMs` (the first push schedules it, the ones that follow within the delay ride along), and after
 * the live connection came back. No subscription while `variables` is null.
 */
function useRefreshOnPush<Data>(name: string, document: string, variables: Record<string, unknown> | null, accepts: (data: Data) => boolean, refresh: () => void, delayMs: number): void {
  const refreshRef = useRef(refresh);
  const acceptsRef = useRef(accepts);
  useEffect(() => {
    refreshRef.current = refresh;
    acceptsRef.current = accepts;
  });
  const identity = variables === null ? null : JSON.stringify(variables);

  useEffect(() => {
    if (identity === null) return;
    let timer: number | undefined;
    const schedule = (): void => {
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        refreshRef.current();
      }, delayMs);
    };
    const unsubscribe = subscribe<Data>(
      document,
      JSON.parse(identity) as Record<string, unknown>,
      (data) => {
        if (acceptsRef.current(data)) schedule();
      },
      (error) => console.warn(`${name}: ${error.message}`),
    );
    const stopReconnected = onReconnected(schedule);
    return () => {
      unsubscribe();
      stopReconnected();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [name, document, identity, delayMs]);
}

/** Runs `refresh` when `kpiChanged(scope)` reports a change that overlaps the range shown (see useRefreshOnPush). */
export function useKpiChanged(scope: string | null, range: ResolvedRange, refresh: () => void, delayMs = 2000): void {
  useRefreshOnPush<KpiChangedData>(`kpiChanged(${scope ?? ''})`, KPI_CHANGED, scope === null ? null : { scope }, ({ kpiChanged }) => overlaps(range, kpiChanged), refresh, delayMs);
}

/**
 * Runs `refresh` when `scheduleRevised(siteId)` reports a new revision of the site's schedule (a burst, e.g. a
 * breakdown then its repair, is one refetch). Any revision counts: one revision can move work on every unit.
 */
export function useScheduleRevised(siteId: string | null, refresh: () => void, delayMs = 1000): void {
  useRefreshOnPush<ScheduleRevisedData>(`scheduleRevised(${siteId ?? ''})`, SCHEDULE_REVISED, siteId === null ? null : { siteId }, () => true, refresh, delayMs);
}

/** A clock that ticks every `intervalMs`, for "for 12 min" labels and sliding preset ranges. */
export function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The browser tab's title, for the view on screen. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Quadrant KPIs`;
  }, [title]);
}
