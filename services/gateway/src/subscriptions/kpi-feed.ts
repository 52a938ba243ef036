import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { KpiChange } from '../projections/kpi-elements/kpi-elements.store';
import { BoundedPubSub } from './bounded-pub-sub';

/** What `kpiChanged` pushes to one subscriber: the time range of its scope that changed. */
export interface KpiScopeChangedRecord {
  scope: string;
  from: string;
  to: string;
}

/** The range of `scope` a committed batch changed, or undefined when it changed nothing there. */
export function changedRangeOf(changes: readonly KpiChange[], scope: string): KpiScopeChangedRecord | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (const change of changes) {
    if (!change.path.includes(scope)) continue;
    from = Math.min(from, change.from);
    to = Math.max(to, change.to);
  }
  return from < to ? { scope, from: new Date(from).toISOString(), to: new Date(to).toISOString() } : undefined;
}

/** KPI element changes the projection has committed, one item per batch, for `kpiChanged` subscribers. */
@Injectable()
export class KpiFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('KpiFeed');
  private readonly pubSub = new BoundedPubSub<readonly KpiChange[]>({
    capacity: 100,
    onOverflow: (dropped) => {
      if (dropped === 1 || dropped % 100 === 0) this.logger.warn(`a kpiChanged subscriber is too slow: ${dropped} oldest batch(es) dropped so far`);
    },
  });

  get subscriberCount(): number {
    return this.pubSub.subscriberCount;
  }

  publish(changes: readonly KpiChange[]): void {
    if (changes.length > 0) this.pubSub.publish(changes);
  }

  subscribe(scope: string): AsyncIterableIterator<readonly KpiChange[]> {
    return this.pubSub.subscribe((changes) => changes.some((change) => change.path.includes(scope)));
  }

  onApplicationShutdown(): void {
    this.pubSub.close();
  }
}
