import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { launch, serverArgs } from "@/scripts/server-launch";

// How `npm start` (scripts/start.ts) starts the server: `next start` listens on every interface unless
// given -H, so the address always goes with it.
describe("npm start's server launch", () => {
  const argsAfterStart = (args: string[]) => args.slice(args.indexOf("start"));
  // Idle connections outlive a proxy's (and a client's) reuse of them.
  const keepAlive = ["--keepAliveTimeout", "65000"];

  it("listens on 127.0.0.1 when HOSTNAME is unset", () => {
    const { args, url, note } = launch("/app", parseConfig({}));
    expect(argsAfterStart(args)).toEqual(["start", "-H", "127.0.0.1", "-p", "3000", ...keepAlive]);
    expect(args).toContain("/app/node_modules/next/dist/bin/next");
    expect([url, note]).toEqual(["http://127.0.0.1:3000", ""]);
  });

  it("listens where HOSTNAME says, and says so when that is every interface", () => {
    const all = launch("/app", parseConfig({ HOSTNAME: "0.0.0.0", PORT: "8080" }));
    expect(argsAfterStart(all.args)).toEqual(["start", "-H", "0.0.0.0", "-p", "8080", ...keepAlive]);
    expect([all.url, all.note]).toEqual(["http://localhost:8080", " (listening on every interface)"]);
    const v6 = launch("/app", parseConfig({ HOSTNAME: "::1" }));
    expect(argsAfterStart(v6.args)).toEqual(["start", "-H", "::1", "-p", "3000", ...keepAlive]);
    expect(v6.url).toBe("http://[::1]:3000");
  });

  it("keeps the node flags before next's own arguments", () => {
    const args = serverArgs("/app", 3100, "127.0.0.1");
    expect(args.indexOf("--expose-gc")).toBeLessThan(args.indexOf("/app/node_modules/next/dist/bin/next"));
  });
});
