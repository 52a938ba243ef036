/**
 * Background work done one run at a time: `kick()` starts a run, or, during one, asks for another after
 * it (work that came meanwhile is not missed). A run that throws is reported and ends; the next kick tries
 * again. After `stop()` nothing starts; the run under way is waited for, and should itself check
 * `stopping` between its steps.
 */
export class BackgroundRun {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  get stopping(): boolean {
    return this.stopped;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no run is under way (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.settled();
  }
}
