import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase, POSTGRES_URL, postgresAvailable } from "../support/db";
import { useStudio } from "../support/fixture";
import { submit, waitFor } from "../support/runtime";

// PostgreSQL dropping every connection (what a restart looks like from here): the running server must
// recover on its own, with no restart of the studio.
describe.skipIf(!(await postgresAvailable()))("PostgreSQL connections dropped under a running server", () => {
  const appName = `omni-recovery-${process.pid}`;
  const studio = useStudio("postgres", {
    database: () => createTestDatabase("postgres", { applicationName: appName }),
    references: { count: 1, seed: 800 },
  });

  it("keeps serving and finishes new jobs", async () => {
    const { rt, refs } = studio;
    const first = await submit(rt, { referenceIds: refs });
    expect((await waitFor(rt, first.generation.id)).status).toBe("completed");

    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    // Only this studio's pooled connections (other test files share the database).
    const { rowCount } = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [appName],
    );
    await admin.end();
    expect(rowCount).toBeGreaterThan(0);
    // Termination is a signal to each backend; give the sockets a moment to close.
    await new Promise((r) => setTimeout(r, 300));

    // The pool drops the dead connections and opens new ones: the very next request already works.
    const second = await submit(rt, { referenceIds: refs });
    expect((await waitFor(rt, second.generation.id)).status).toBe("completed");
  });
});
