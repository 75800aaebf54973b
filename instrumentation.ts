// Runs once per server start: open the database (applying migrations) and start the worker, so jobs that
// were in flight when the server stopped resume without anyone opening the page.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getRuntime } = await import("@/lib/server/runtime");
  try {
    await getRuntime();
  } catch (err) {
    console.error("Omni Studio could not start:", err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
