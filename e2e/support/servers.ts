// Ports and secrets the e2e servers run with; shared by playwright.config.ts and the specs.
// E2E_PORT_OFFSET lets several checkouts run their suites side by side on one machine.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const PREVIEW_PORT = 3100 + offset;
export const FAL_PORT = 3101 + offset;
export const RESTART_PORT = 3102 + offset;
export const ACCESS_PORT = 3103 + offset;
/** Studio servers the `restart` project's specs start and kill themselves (one at a time). */
export const SUBMIT_KILL_PORT = 3105 + offset;
export const LOG_SCAN_PORT = 3106 + offset;
export const FAKE_FAL_PORT = 4010 + offset;
/** A studio with both fal (through the fake fal) and AtlasCloud (through the fake AtlasCloud) configured. */
export const ATLAS_PORT = 3104 + offset;
export const FAKE_ATLAS_PORT = 4020 + offset;
export const E2E_ATLAS_KEY = "fake-atlas-key";
/** scripts/test-all.mjs builds with this canary as FAL_KEY so a spec can prove no client file carries it. */
export const E2E_FAL_KEY = process.env.FAL_KEY_CANARY || "test-fal-key";
/** Load runs (OMNI_LOAD=1, e2e/load/): each spec starts its own studio here, one after another. */
export const LOAD_PORT = 3107 + offset;
/** The load runs' fake fal runs in the spec's own process, so it can count every request. */
export const LOAD_FAKE_FAL_PORT = 4030 + offset;
/** e2e/access/actions.spec.ts: a studio from a copy of the build whose proxy never runs. */
export const PROXY_BYPASS_PORT = 3108 + offset;
/** The `restart` project's live event stream shutdown spec starts its own studio here. */
export const EVENTS_STOP_PORT = 3109 + offset;
/** e2e/access/network.spec.ts: a studio listening on every interface, reached at this machine's address. */
export const NETWORK_PORT = 3110 + offset;
/** The `cluster` project (OMNI_CLUSTER=1, e2e/cluster/): nginx in front of two studios on one PostgreSQL. */
export const CLUSTER_NGINX_PORT = 3111 + offset;
export const CLUSTER_STUDIO_PORTS = [3112 + offset, 3113 + offset];
export const CLUSTER_FAKE_FAL_PORT = 4040 + offset;
