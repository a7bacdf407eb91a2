// Progress on standard error: a redrawn bar on a terminal, otherwise a line every ~10 % (or every 10 s).
import { formatCount, formatSeconds, type Io } from './cli.js';

export class Progress {
  private done = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastPercentLine = -1;
  private lastLineAt = Date.now();

  constructor(
    private readonly io: Io,
    private readonly label: string,
    private readonly total: number,
    private readonly quiet = false,
  ) {}

  tick(n = 1): void {
    this.done += n;
    if (this.quiet) return;
    const now = Date.now();
    if (this.io.stderrIsTty) {
      if (now - this.lastDraw < 100 && this.done < this.total) return;
      this.lastDraw = now;
      const ratio = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
      const width = 24;
      const filled = Math.round(ratio * width);
      process.stderr.write(
        `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ` +
          `${formatCount(this.io, this.done)}/${formatCount(this.io, this.total)}\x1b[K`,
      );
      return;
    }
    const percent = this.total > 0 ? Math.floor((this.done / this.total) * 10) * 10 : 100;
    if ((percent > this.lastPercentLine && percent < 100) || now - this.lastLineAt > 10_000) {
      this.lastPercentLine = percent;
      this.lastLineAt = now;
      this.io.err(`${this.label}: ${percent}% (${formatCount(this.io, this.done)}/${formatCount(this.io, this.total)})`);
    }
  }

  /** Final line with the count and the elapsed time; returns the elapsed milliseconds. */
  finish(): number {
    const ms = Date.now() - this.started;
    if (this.quiet) return ms;
    if (this.io.stderrIsTty) process.stderr.write('\r\x1b[K');
    this.io.err(`${this.label}: ${formatCount(this.io, this.done)} — ${formatSeconds(ms)}`);
    return ms;
  }
}
