/**
 * The server's clock. It follows the wall clock until the harness freezes it; after that, time moves only
 * when the harness advances it. Every timestamp and relative-date filter reads it through
 * `ServiceContext.clock`, so a frozen clock freezes them all.
 */
export class HarnessClock {
  /** Milliseconds added to the wall clock while running; the frozen instant while frozen. */
  private offsetMs = 0;
  private frozenAt: number | undefined;

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  /** Stops time at `at` (default: now). */
  freeze(at: Date = this.now()): void {
    this.frozenAt = at.getTime();
  }

  /** Moves time forward (or back, with a negative amount), frozen or not. */
  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Lets time run again from where it stands. */
  resume(): void {
    if (this.frozenAt === undefined) return;
    this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = undefined;
  }

  /** Back to the wall clock. */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = undefined;
  }
}
