// People for integration tests: real User rows (the services record their ids) and the actors a request
// would resolve to for them, passed to the services explicitly.
import type { GuestActor, MemberActor, MemberRole } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";

/**
 * A member as a bare User row, and the actor a request of theirs resolves to: for services called
 * directly. test/support/accounts.ts addMember makes a real account (sign-up, session, token) instead.
 */
export async function memberRow(
  prisma: Db,
  name: string,
  role: MemberRole = "editor",
  id: string = newId(),
): Promise<MemberActor> {
  const email = `${id}@members.example.test`;
  await prisma.user.upsert({ where: { id }, create: { id, name, email, role }, update: {} });
  return { kind: "member", id, role, name, email, via: "session" };
}

const owners = new WeakMap<Db, Promise<MemberActor>>();

/** The owner every test that does not care who acts uses; made once per database. */
export function testOwner(prisma: Db): Promise<MemberActor> {
  let owner = owners.get(prisma);
  if (!owner) {
    owner = memberRow(prisma, "Test Owner", "owner", "testowner0000");
    owners.set(prisma, owner);
  }
  return owner;
}

/** Someone following a share link (no account). */
export function guest(name: string, permissions: GuestActor["permissions"] = ["review"]): GuestActor {
  const linkId = "link00000001";
  return {
    kind: "guest",
    id: `guest:${linkId}:${newId()}`,
    role: "guest",
    name,
    via: "share-link",
    linkId,
    permissions,
  };
}
