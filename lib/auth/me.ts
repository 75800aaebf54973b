import type { MemberActor, MemberRole } from "./actor";

/** What the browser is told about the signed-in member (header, menus). */
export interface Me {
  id: string;
  name: string;
  email: string;
  role: MemberRole;
  initials: string;
}

/** "Ada Lovelace" → "AL", "ada" → "AD", "" → "?". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const letters =
    words.length === 1 ? [...words[0]!].slice(0, 2) : [[...words[0]!][0], [...words.at(-1)!][0]];
  return letters.join("").toUpperCase();
}

export function toMe(actor: MemberActor): Me {
  return {
    id: actor.id,
    name: actor.name,
    email: actor.email,
    role: actor.role,
    initials: initialsOf(actor.name),
  };
}
