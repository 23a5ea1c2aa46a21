/** A clock tests move by hand. Times are given as local Vietnam time (UTC+7) for readability. */
export class TestClock {
  now: number;
  constructor(localIso = '2026-11-30T09:00') {
    this.now = TestClock.vn(localIso);
  }
  /** `2026-11-30T09:00` in Asia/Ho_Chi_Minh → epoch ms. */
  static vn(localIso: string): number {
    return Date.parse(`${localIso}:00+07:00`);
  }
  set(localIso: string): void {
    this.now = TestClock.vn(localIso);
  }
  advance(ms: number): void {
    this.now += ms;
  }
  readonly fn = (): number => this.now;
}
