import { createRequire } from 'node:module';
import { fixKafkajsIdleTimer, scheduleCheckPendingRequests } from './kafkajs-idle-timer-fix';

function queue(pending: unknown[], throttledUntil = -1): { pending: unknown[]; throttledUntil: number; throttleCheckTimeoutId: NodeJS.Timeout | null; checks: number; checkPendingRequests(): void; scheduleCheckPendingRequests(): void } {
  return {
    pending,
    throttledUntil,
    throttleCheckTimeoutId: null,
    checks: 0,
    checkPendingRequests() {
      this.checks++;
      this.scheduleCheckPendingRequests();
    },
    scheduleCheckPendingRequests,
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("kafkajs' request queue, fixed", () => {
  it('given nothing waits to be sent, when a request is answered, then no check is scheduled (kafkajs 2.2.4 re-armed one every millisecond)', async () => {
    const idle = queue([]);
    idle.checkPendingRequests();
    await pause(50);
    expect(idle.checks).toBe(1);
    expect(idle.throttleCheckTimeoutId).toBeNull();
  });

  it('given a request waits, then it is checked again after 10 ms, or when the throttling ends', async () => {
    const waiting = queue(['request']);
    waiting.scheduleCheckPendingRequests();
    await pause(40);
    expect(waiting.checks).toBeGreaterThanOrEqual(2);
    waiting.pending = [];
    await pause(30);
    const settled = waiting.checks;
    await pause(40);
    expect(waiting.checks).toBe(settled);

    const throttled = queue(['request'], Date.now() + 60);
    throttled.scheduleCheckPendingRequests();
    await pause(30);
    expect(throttled.checks).toBe(0);
    await pause(60);
    expect(throttled.checks).toBeGreaterThanOrEqual(1);
    throttled.pending = [];
    await pause(20);
  });

  it("is installed on the RequestQueue class kafkajs' connections use", () => {
    fixKafkajsIdleTimer();
    const RequestQueue = createRequire(require.resolve('kafkajs'))('./src/network/requestQueue') as { prototype: { scheduleCheckPendingRequests: unknown } };
    expect(RequestQueue.prototype.scheduleCheckPendingRequests).toBe(scheduleCheckPendingRequests);
  });
});
