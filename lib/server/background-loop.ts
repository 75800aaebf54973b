import "server-only";

/**
 * A background worker's loop: runs `step` again and again while it finds work, sleeps `idleMs` when it
 * found none, and wakes at once when told there is some. One step at a time; `stop` waits for the step
 * under way (a step that must end sooner watches its own signal).
 */
export class BackgroundLoop {
  private running = false;
  private loop: Promise<void> | undefined;
  private sleeper: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  private woken = false;

  constructor(
    private readonly step: () => Promise<boolean>,
    private readonly options: { idleMs: number; name: string; log?: (message: string) => void },
  ) {}

  start() {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  get isRunning() {
    return this.running;
  }

  /** Looks for work now. */
  wake() {
    this.woken = true;
    if (this.sleeper) {
      clearTimeout(this.sleeper.timer);
      this.sleeper.resolve();
    }
  }

  async stop() {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run() {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.step();
      } catch (err) {
        this.options.log?.(`${this.options.name} loop: ${err instanceof Error ? err.message : err}`);
      }
      if (!worked && this.running) await this.sleep(this.options.idleMs);
    }
  }

  private sleep(ms: number) {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.sleeper = {
        timer: setTimeout(resolve, ms),
        resolve: () => {
          this.woken = false;
          resolve();
        },
      };
    }).finally(() => {
      this.sleeper = undefined;
    });
  }
}
