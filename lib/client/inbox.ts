/** The signed-in member's inbox (header bell); refreshed by the live stream's `inbox` changes. */
export const inboxKey = ["inbox"] as const;
