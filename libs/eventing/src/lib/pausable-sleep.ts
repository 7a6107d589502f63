/**
 * Sleeps that can be cut short: `wake()` ends a wakeable sleep (a NOTIFY arrived; a wake during
 * work is remembered so the next sleep returns at once), `interrupt()` ends any sleep (stopping).
 */
export class PausableSleep {
  private wakePending = false;
  private endWakeable: (() => void) | null = null;
  private endAny: (() => void) | null = null;

  /** Forget wakes seen so far: the round about to start covers them. */
  clearWake(): void {
    this.wakePending = false;
  }

  wake(): void {
    this.wakePending = true;
    this.endWakeable?.();
  }

  interrupt(): void {
    this.endAny?.();
  }

  sleep(ms: number, wakeable: boolean): Promise<void> {
    if (wakeable && this.wakePending) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        this.endAny = null;
        this.endWakeable = null;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.endAny = end;
      this.endWakeable = wakeable ? end : null;
    });
  }
}
