// AnswerSync: drafts of exercise cells go to the runner's session a moment after the learner stops typing.

/** How long after the last keystroke a draft is sent. */
export const ANSWER_SYNC_MS = 400;

export class AnswerSync {
  private readonly send: (cellId: string) => Promise<void>;
  private readonly pending = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  /** `send` delivers the cell's current text; its failures are ignored (the next run carries the text anyway). */
  constructor(send: (cellId: string) => Promise<void>) {
    this.send = send;
  }

  /** The cell's text changed: send it after a pause in typing. */
  changed(cellId: string): void {
    this.pending.add(cellId);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ANSWER_SYNC_MS);
  }

  /** The runner got the text another way (a run carried it). */
  delivered(cellId: string): void {
    this.pending.delete(cellId);
  }

  /** Send every pending draft now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    for (const id of [...this.pending]) {
      this.pending.delete(id);
      await this.send(id).catch(() => undefined);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.pending.clear();
  }
}
