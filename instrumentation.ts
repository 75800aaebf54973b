// Runs once per server start: open the database (applying migrations) and start the worker, so jobs that
// were in flight when the server stopped resume without anyone opening the page.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("@/lib/server/boot");
}
