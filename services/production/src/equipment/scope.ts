import type { HierarchyScope } from '@quadrant/event-sourcing';

/** An equipment path (enterprise first) as the ISA-95 scope carried in event metadata. */
export function scopeOf(path: readonly string[]): HierarchyScope {
  const [enterprise, site, area, workCenter, workUnit] = path;
  return {
    ...(enterprise ? { enterprise } : {}),
    ...(site ? { site } : {}),
    ...(area ? { area } : {}),
    ...(workCenter ? { workCenter } : {}),
    ...(workUnit ? { workUnit } : {}),
  };
}
