// The presence heartbeat, on its own: browser code reads it, and lib/live/events.ts (which brings zod)
// must stay out of the browser's first load.

/** How often a tab on a clip's page says it is still there (lib/live/presence.ts, lib/client/presence.ts). */
export const PRESENCE_HEARTBEAT_MS = 15_000;
