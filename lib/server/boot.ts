import "server-only";
import { ConfigError } from "@/lib/config/env";
import { getRuntime } from "./runtime";

try {
  await getRuntime();
} catch (err) {
  console.error(
    err instanceof ConfigError ? `Omni Studio cannot start.\n${err.message}` : "Omni Studio could not start:",
    err instanceof ConfigError ? "" : err,
  );
  process.exit(1);
}
