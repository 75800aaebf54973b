// Load scenarios shared by the load tests (e2e/load/*.spec.ts, which assert behaviour) and the benchmarks
// (scripts/bench/benchmarks/, which carry the budgets): a real studio process (`next start` on the
// production build), the in-process fake fal (so every request it gets can be counted), and plain HTTP.
// Nothing here imports server code, so Playwright specs can use it; seeding a history, which needs the
// server's database code, runs in a child process (test/support/seed-cli.ts). One module per scenario;
// this one gathers them.
export { percentile } from "@/scripts/bench/types";
export { startFalStudio } from "./fal-studio";
export * from "./load-history";
export * from "./load-in-flight";
export * from "./load-poll-stats";
export * from "./load-uploads";
export * from "./studio-http";
