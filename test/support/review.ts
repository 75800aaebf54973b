// What the review tests share: a guest following a link, the comment changes a clip publishes, and a
// rejection read as the AppError it carries.
import type { GuestActor } from "@/lib/auth/actor";
import type { AppError } from "@/lib/http/errors";
import type { ChangeEvent } from "@/lib/live/events";
import type { TestRuntime } from "./runtime";

/** A guest on one link, the same visitor for the same name. */
export const linkGuest = (
  name: string,
  permissions: GuestActor["permissions"] = ["comment"],
): GuestActor => ({
  kind: "guest",
  id: `guest:link0001:visitor-${name.toLowerCase()}`,
  role: "guest",
  name,
  via: "share-link",
  linkId: "link0001",
  permissions,
});

/** Comment events the bus delivers for a clip from now on. */
export function commentEvents(rt: TestRuntime, generationId: string) {
  const seen: ChangeEvent[] = [];
  rt.changes.subscribe((e) => {
    if (typeof e !== "string" && e.kind === "comment" && e.generationId === generationId) seen.push(e);
  });
  return {
    /** Waits for one more event than `before`. */
    async next(before: number) {
      const deadline = Date.now() + 5_000;
      while (seen.length <= before) {
        if (Date.now() > deadline) throw new Error("no comment change was published");
        await new Promise((r) => setTimeout(r, 10));
      }
      return seen.length;
    },
    get count() {
      return seen.length;
    },
  };
}
/** The error a promise rejects with, or undefined when it resolves. */
export const fail = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );
