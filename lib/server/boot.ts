import "server-only";
import { ConfigError } from "@/lib/config/env";
import { getRuntime } from "./runtime";

try {
  const { changes } = await getRuntime();
  // Next.js closes its server on these signals and waits for open responses first; an event stream
  // never ends by itself, so without this a stop would wait until killed. When Next.js leaves the
  // signals to the app (NEXT_MANUAL_SIG_HANDLE), so do we: a listener here would keep the process alive.
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => changes.endStreams());
  }
} catch (err) {
  console.error(
    err instanceof ConfigError ? `Omni Studio cannot start.\n${err.message}` : "Omni Studio could not start:",
    err instanceof ConfigError ? "" : err,
  );
  process.exit(1);
}
