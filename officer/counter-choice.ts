/** The counter this browser works at, remembered per browser (one PC per counter, as offices run). */
export interface CounterChoice {
  officeId: string;
  counterId: string;
}

export const COUNTER_KEY = 'luot.officer.counter';

export function storedCounter(): CounterChoice | undefined {
  try {
    const raw = localStorage.getItem(COUNTER_KEY);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<CounterChoice>;
    return typeof value.officeId === 'string' && typeof value.counterId === 'string'
      ? { officeId: value.officeId, counterId: value.counterId }
      : undefined;
  } catch {
    return undefined;
  }
}

export function storeCounter(choice: CounterChoice): void {
  try {
    localStorage.setItem(COUNTER_KEY, JSON.stringify(choice));
  } catch {
    // Private mode: chosen again next time.
  }
}
