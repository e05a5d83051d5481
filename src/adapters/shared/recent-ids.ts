/**
 * Ids seen in the last `ttlMs`, at most `cap` of them: `claim` is true the
 * first time an id is offered and false for every repeat inside the window.
 * For platforms whose deliveries carry a unique id that is only usable for a
 * short time (a Discord interaction's token lives 15 minutes), so memory is
 * enough: after the window a repeat could not be answered anyway.
 */
export class RecentIds {
  /** id → when it was first seen; a Map keeps insertion order, so the oldest come first. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly cap: number,
  ) {}

  claim(id: string, now = Date.now()): boolean {
    this.prune(now);
    if (this.seen.has(id)) return false;
    this.seen.set(id, now);
    return true;
  }

  private prune(now: number): void {
    for (const [id, at] of this.seen) {
      if (now - at < this.ttlMs && this.seen.size < this.cap) break;
      this.seen.delete(id);
    }
  }
}
