import { initialsOf } from "@/lib/accounts/initials";
import type { MemberActor, MemberRole } from "./actor";

/** What the browser is told about the signed-in member (header, menus). */
export interface Me {
  id: string;
  name: string;
  email: string;
  role: MemberRole;
  initials: string;
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
