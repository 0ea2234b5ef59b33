/**
 * A gate for housekeeping that rides along with requests (deleting old rows):
 * true at most once per `intervalMs` in this server process, so a busy
 * endpoint does not add a DELETE to every call. Each instance keeps its own
 * gate; with several, the work simply runs a little more often.
 */
export function atMostEvery(intervalMs: number): (now?: number) => boolean {
  let nextDue = -Infinity;
  return (now = Date.now()) => {
    if (now < nextDue) return false;
    nextDue = now + intervalMs;
    return true;
  };
}
