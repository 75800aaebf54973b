// The activity trail in words: "approved take 2", "starred this clip". Pure and browser-safe.
import { REVIEW_LABELS, REVIEW_STATUSES, type ReviewStatus } from "@/lib/review/limits";
import type { ActivityDTO } from "./dto";

/** The clip an event is about, as far as naming it goes. */
export interface ClipName {
  takeGroupId: string | null;
  takeIndex: number;
  takeCount: number;
}

const takeName = (index: number) => `take ${index + 1}`;

/** "take 2" in a group of takes, "this clip" otherwise. */
export function clipName(clip: ClipName): string {
  return clip.takeGroupId && clip.takeCount > 1 ? takeName(clip.takeIndex) : "this clip";
}

const isStatus = (v: unknown): v is ReviewStatus => REVIEW_STATUSES.includes(v as ReviewStatus);

function characterName(value: unknown): string {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === "string" ? `“${name}”` : "";
}

/** What the actor did, without the actor: "<name> " + this reads as a sentence. */
export function describeActivity(event: Pick<ActivityDTO, "kind" | "from" | "to">, clip: ClipName): string {
  const it = clipName(clip);
  switch (event.kind) {
    case "status": {
      const to = isStatus(event.to) ? event.to : "pending";
      if (to === "approved") return `approved ${it}`;
      if (to === "changes_requested") return `requested changes on ${it}`;
      return `set ${it} back to ${REVIEW_LABELS.pending.toLowerCase()}`;
    }
    case "favorite":
      return event.to === true ? `starred ${it}` : `removed the star from ${it}`;
    case "chosen":
      return event.to === true ? `chose ${it}` : `unmarked ${it} as the chosen take`;
    case "chosen_other": {
      const other = (event.to as { takeIndex?: unknown } | null)?.takeIndex;
      return typeof other === "number" ? `chose ${takeName(other)} instead` : "chose another take instead";
    }
    case "delete":
      return `deleted ${it}`;
    case "restore":
      return `restored ${it}`;
    case "character_create":
      return `saved the character ${characterName(event.to)}`.trimEnd();
    case "character_update":
      return `edited the character ${characterName(event.to)}`.trimEnd();
    case "character_delete":
      return `deleted the character ${characterName(event.from)}`.trimEnd();
    case "sequence_create":
      return "made the sequence";
    case "shot_add":
      return "added a shot";
    case "shot_update":
      return "changed a shot";
    case "shot_remove":
      return "removed a shot";
    case "shot_restore":
      return "brought a shot back";
    case "sequence_export":
      return "exported the sequence";
  }
}
