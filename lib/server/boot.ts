import "server-only";
import { ConfigError } from "@/lib/config/env";
import { getRuntime } from "./runtime";

try {
  const { changes, setup, config } = await getRuntime();
  if (config.retiredAccessToken) {
    console.warn(
      "STUDIO_ACCESS_TOKEN is retired and ignored: people sign in with their own accounts, and scripts send a personal API token (made on the account page) as `Authorization: Bearer <token>`. Remove the variable.",
    );
  }
  // First run beyond this machine: the setup page asks for this code, so only whoever reads this log
  // (whoever runs the server) can make the owner's account.
  const code = await setup.issueCode();
  if (code) {
    console.warn(
      `\n  Omni Studio has no owner yet. Open /setup and enter this one-time setup code:\n\n      ${code}\n`,
    );
  } else if (await setup.needsSetup()) {
    console.warn("Omni Studio has no owner yet: open the studio in a browser to make the owner's account.");
  }
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
