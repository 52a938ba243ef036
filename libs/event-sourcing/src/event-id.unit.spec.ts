import { newEventId } from './event-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('are UUID version 7 with the RFC 9562 variant, carrying the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 22, 5, 30, 0, 123);
    const id = newEventId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sort by the time they were taken, and do not repeat', () => {
    const start = Date.UTC(2026, 10, 22);
    const ids = Array.from({ length: 100_000 }, (_, i) => newEventId(start + Math.floor(i / 10)));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 10; i < ids.length; i += 10) expect((ids[i - 1] ?? '') < (ids[i] ?? '')).toBe(true);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
  });
});
