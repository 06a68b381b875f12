/**
 * Long CPU loops in jobs (an import converting and sealing thousands of rows) hand the event loop back
 * every couple of milliseconds, so that work waiting on the database meanwhile (the import's previous batch,
 * mid-transaction) takes its answers and goes on instead of idling the server for the whole loop.
 */
import { setImmediate } from 'node:timers/promises';

export class Pace {
  private last = performance.now();
  constructor(private readonly everyMs = 2) {}

  /** Yields when the loop has held the event loop for longer than `everyMs`. */
  async breathe(): Promise<void> {
    if (performance.now() - this.last < this.everyMs) return;
    await setImmediate();
    this.last = performance.now();
  }
}
