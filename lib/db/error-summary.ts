import { errorCauses } from '../errors';

/**
 * A database failure in one short line for a log record: the root cause
 * (e.g. "Error: connect ECONNREFUSED 127.0.0.1:5432"), not Drizzle's wrapper,
 * whose message repeats the query and its parameters.
 */
export function databaseErrorSummary(error: unknown): string {
  const root = [...errorCauses(error)].at(-1);
  return (root instanceof Error ? `${root.name}: ${root.message}` : String(root)).slice(0, 200);
}
