/**
 * A value per day number for the recent days: one slot per day modulo the size, a direct-mapped cache looked
 * up without hashing (a sheet holds few distinct dates, and each is asked for several times a row).
 */
export class DaySlots<T> {
  private static readonly SIZE = 1024;
  private readonly days = new Float64Array(DaySlots.SIZE).fill(NaN);
  private readonly values: T[];

  constructor(
    private readonly make: (day: number) => T,
    empty: T,
  ) {
    this.values = new Array<T>(DaySlots.SIZE).fill(empty);
  }

  /** The value of a day (an integer), made on the first ask since its slot last held it. */
  of(day: number): T {
    const i = day & (DaySlots.SIZE - 1);
    if (this.days[i] === day) return this.values[i];
    const value = this.make(day);
    this.days[i] = day;
    this.values[i] = value;
    return value;
  }
}
