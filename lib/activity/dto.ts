// JSON shapes of people and the activity trail, shared by the API and the browser. Types only.
import type { ActivityKind, ActorKind } from "./kinds";

/** Someone as the studio shows them: an avatar of initials in a color of their own, and a name. */
export interface PersonDTO {
  /** The user's id; the color of their avatar follows from it. */
  id: string;
  name: string;
  /** One or two letters (lib/activity/people.ts initialsOf). */
  initials: string;
}

export interface ActivityDTO {
  id: string;
  kind: ActivityKind;
  actor: {
    /** The member's user id; null for a guest, or when the account is gone. */
    id: string | null;
    /** Their name when they did it. */
    name: string;
    initials: string;
    kind: ActorKind;
  };
  /** Before and after; what they hold depends on the kind (lib/activity/kinds.ts). */
  from: unknown;
  to: unknown;
  createdAt: string;
}

export interface ActivityPage {
  /** Newest first. */
  items: ActivityDTO[];
  /** Pass as `?before=` for older events; null at the first event. */
  nextCursor: string | null;
}
