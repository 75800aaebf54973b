import type { GenerationDTO } from "@/lib/generations/dto";

type Take = Pick<GenerationDTO, "takeIndex" | "reviewStatus" | "chosen">;

const names = (takes: readonly Take[]) => {
  const n = takes.map((t) => String(t.takeIndex + 1));
  return n.length === 1 ? n[0]! : `${n.slice(0, -1).join(", ")} and ${n.at(-1)}`;
};

/**
 * Approval and choice are separate marks, set by different people at different times: when a reviewer
 * approved a take other than the one the team chose, the group says so, or the chosen take goes out
 * while the approved one is overlooked. Null when they agree (or nothing is approved or chosen).
 */
export function approvalHint(takes: readonly Take[]): string | null {
  const chosen = takes.find((t) => t.chosen);
  if (!chosen) return null;
  const approved = takes.filter((t) => t.reviewStatus === "approved" && t !== chosen);
  if (approved.length === 0) return null;
  const subject = approved.length === 1 ? `Take ${names(approved)} is` : `Takes ${names(approved)} are`;
  const chosenApproved = chosen.reviewStatus === "approved" ? " (also approved)" : "";
  return `${subject} approved, but take ${chosen.takeIndex + 1}${chosenApproved} is the chosen one.`;
}
