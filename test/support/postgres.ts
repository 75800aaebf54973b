// Whether PostgreSQL is there, and what to do when it is not. On a developer's machine without it the
// PostgreSQL paths are skipped with a warning; in CI (CI=true) they were expected, so a PostgreSQL that
// does not answer fails the run instead of turning half the database coverage into silent skips.
// TEST_POSTGRES=off says on purpose that this CI has no PostgreSQL. Nothing here imports server code, so
// the benchmarks and Playwright specs can use it too.
import pg from "pg";

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

/** PostgreSQL is required: CI=true (or 1), unless TEST_POSTGRES=off. */
export function postgresExpected(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env.CI ?? "").toLowerCase();
  return (ci === "true" || ci === "1") && env.TEST_POSTGRES !== "off";
}

/** Why PostgreSQL at `url` does not answer, or null when it does. */
export async function postgresProblem(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * What runs without PostgreSQL, or a missing tool it needs: a warning and false (the caller skips), or,
 * when PostgreSQL is expected, an error that says what is missing and how to run without it on purpose.
 */
export function skipOrFail(what: string, problem: string): false {
  if (postgresExpected()) {
    throw new Error(
      `${what}: ${problem}. CI=true expects PostgreSQL, so this fails instead of skipping. Start PostgreSQL ` +
        "(.ci/run starts an installed one), point TEST_DATABASE_URL at one, or set TEST_POSTGRES=off " +
        "to run without it on purpose.",
    );
  }
  console.warn(`${what} skipped: ${problem}.`);
  return false;
}

/** The URL without its password, for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(an unparsable URL)";
  }
}

/** Whether PostgreSQL at `url` answers; see skipOrFail for what happens when it does not. */
export async function requirePostgres(url: string, what: string): Promise<boolean> {
  const problem = await postgresProblem(url);
  if (problem === null) return true;
  return skipOrFail(what, `PostgreSQL at ${shown(url)} did not answer (${problem})`);
}
