// «Today» for overdue marks and monitoring: the server's local date, fixed in tests with setToday().
let fixed: string | null = null;

/** 'YYYY-MM-DD' of the server's local date (or the date set by setToday). */
export function today(): string {
  if (fixed !== null) return fixed;
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Tests: pretend today is `date` ('YYYY-MM-DD'); null returns to the real date. */
export function setToday(date: string | null): void {
  if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`bad date ${date}`);
  fixed = date;
}
