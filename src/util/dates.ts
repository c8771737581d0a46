/** YYYY-MM-DD of a date in the local time zone (a late-evening session keeps its own day). */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The local calendar day of an ISO timestamp. */
export function localDay(iso: string): string {
  return isoDate(new Date(iso));
}
