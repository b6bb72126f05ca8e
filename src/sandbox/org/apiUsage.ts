/**
 * An org's daily API request allowance (`DailyApiRequests`): every API call
 * takes one request; when none remain, calls fail with
 * `REQUEST_LIMIT_EXCEEDED` until the next UTC day or until an admin raises
 * the maximum or resets usage.
 */
export class ApiUsage {
  /** Requests allowed per day. */
  max: number;
  private usedToday = 0;
  private day: number;

  constructor(max: number, nowMs: number) {
    this.max = max;
    this.day = Math.floor(nowMs / 86_400_000);
  }

  /** Requests used today. */
  used(nowMs: number): number {
    this.rollOver(nowMs);
    return this.usedToday;
  }

  /** Requests left today. */
  remaining(nowMs: number): number {
    return Math.max(0, this.max - this.used(nowMs));
  }

  /** Takes one request; false when the allowance is used up. */
  tryConsume(nowMs: number): boolean {
    this.rollOver(nowMs);
    if (this.usedToday >= this.max) return false;
    this.usedToday += 1;
    return true;
  }

  /** Sets today's usage (admin and tests). */
  setUsed(used: number, nowMs: number): void {
    this.rollOver(nowMs);
    this.usedToday = Math.max(0, used);
  }

  private rollOver(nowMs: number): void {
    const today = Math.floor(nowMs / 86_400_000);
    if (today !== this.day) {
      this.day = today;
      this.usedToday = 0;
    }
  }
}
