/**
 * A restore target two days back, on the hour: inside every stack's point-in-time window
 * (7 days at least) whatever day the tests run, unlike a fixed date.
 */
export function restoreTarget(now = Date.now()): string {
  const d = new Date(now - 2 * 86_400_000);
  d.setUTCMinutes(0, 0, 0);
  return `${d.toISOString().slice(0, 19)}Z`;
}
