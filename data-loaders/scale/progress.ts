/**
 * Progress on stderr for runs longer than a second: articles done, rate and
 * time left (when the total is known), redrawn at most every 200 ms on a
 * terminal, every 5 s otherwise (logs stay short). Nothing for short runs.
 */
export class Progress {
  private t0 = performance.now();
  private last = 0;
  private shown = false;
  private tty = !!process.stderr.isTTY;

  constructor(private enabled: boolean, private total?: number) {}

  update(done: number, analysed: number, cached: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    const elapsed = (now - this.t0) / 1000;
    if (elapsed < 1 || now - this.last < (this.tty ? 200 : 5000)) return;
    this.last = now;
    const rate = done / elapsed;
    let line = `framelens: ${done}${this.total ? `/${this.total}` : ""} articles, ${rate.toFixed(0)}/s (${analysed} analysed, ${cached} from cache)`;
    if (this.total && rate > 0) line += `, ${Math.max(0, (this.total - done) / rate).toFixed(0)} s left`;
    this.shown = true;
    process.stderr.write(this.tty ? `\r${line}\x1b[K` : `${line}\n`);
  }

  done(): void {
    if (this.shown && this.tty) process.stderr.write("\r\x1b[K");
  }
}
