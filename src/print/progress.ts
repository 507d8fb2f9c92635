/**
 * A one-line progress bar on the terminal: letters printed / total and an ETA. Chromium
 * prints a whole edition in one call, so within a pass the bar moves by the time the
 * pass is expected to take (from the pages-per-second of the passes before it).
 */
import { formatMinutes } from "../model/dates.ts";
import type { PassEvent } from "./render.ts";

export interface ProgressOptions {
  /** Letters times passes planned over all editions (two passes each, normally). */
  totalLetters: number;
  stream?: NodeJS.WriteStream;
  /** No output at all (CI, pipes, --quiet). */
  quiet?: boolean;
}

export function progressIsWanted(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.CI;
}

/** Pure: the bar line for a fraction done. */
export function progressLine(label: string, done: number, total: number, elapsedMs: number, width = 28): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const eta = fraction > 0.02 && fraction < 1 ? formatMinutes((elapsedMs / fraction - elapsedMs) / 1000) : "—";
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${Math.floor(done)}/${total} letters · ${label} · ${formatMinutes(elapsedMs / 1000)} elapsed · ETA ${eta}`;
}


export class ProgressBar {
  private readonly stream: NodeJS.WriteStream;
  private readonly quiet: boolean;
  private readonly started = Date.now();
  private total: number;
  /** Letters finished over all editions (each letter counts once, when its edition is done). */
  private finishedLetters = 0;
  private current?: { label: string; letters: number; pass: number; startedAt: number; expectedMs: number };
  private msPerLetterPass?: number;
  private timer?: NodeJS.Timeout;

  constructor(options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.quiet = options.quiet ?? !progressIsWanted(this.stream);
    this.total = options.totalLetters;
  }

  onPass = (event: PassEvent): void => {
    if (this.quiet) return;
    const letters = event.book.letters.length;
    if (event.state === "start") {
      const expectedMs = (this.msPerLetterPass ?? 25) * letters;
      this.current = { label: `${event.book.fileName} pass ${event.pass}`, letters, pass: event.pass, startedAt: Date.now(), expectedMs };
      this.timer ??= setInterval(() => this.draw(), 250);
      this.timer.unref();
    } else if (this.current) {
      this.msPerLetterPass = (Date.now() - this.current.startedAt) / Math.max(1, letters);
    }
    this.draw();
  };

  /** Editions added to the run (a year printed again in more 册): their letters are work to do. */
  addLetters(letters: number): void {
    this.total += letters;
  }

  /** An edition is written: its letters count as printed. */
  editionDone(letters: number): void {
    this.finishedLetters += letters;
    this.current = undefined;
    this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.quiet) this.stream.write("\r\x1b[2K");
  }

  private draw(): void {
    if (this.quiet) return;
    let done = this.finishedLetters;
    let label = "done";
    if (this.current) {
      // Two passes per edition, normally: the measuring pass is the first half of the work.
      const withinPass = Math.min(0.95, (Date.now() - this.current.startedAt) / this.current.expectedMs);
      const passShare = (Math.min(this.current.pass, 2) - 1 + withinPass) / 2;
      done += this.current.letters * passShare;
      label = this.current.label;
    }
    this.stream.write(`\r\x1b[2K${progressLine(label, done, this.total, Date.now() - this.started)}`);
  }
}
