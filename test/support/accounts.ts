// Members for tests, made the way people make them: the first through setup (it becomes the owner), the
// rest through an invitation from the owner, each with better-auth's sign-up (lib/accounts/signup.ts, the
// setup and invitation pages' code). Each member comes with a session cookie, as a browser would hold
// it, and a personal API token, as a script would send it.

import { createInvitation } from "@/lib/accounts/invitations";
import { signUp } from "@/lib/accounts/signup";
import { createApiToken } from "@/lib/accounts/tokens";
import type { MemberActor, MemberRole } from "@/lib/auth/actor";
import type { Runtime } from "@/lib/server/runtime";
import { sessionFrom } from "./auth-http";

export const TEST_PASSWORD = "correct horse battery staple";

export interface TestMember {
  id: string;
  name: string;
  email: string;
  role: MemberRole;
  password: string;
  /** `omni.session_token=...`, for a Cookie header. */
  cookie: string;
  token: string;
  /** Headers that sign a request in with the session cookie. */
  session: Record<string, string>;
  /** Headers that sign a request in with the personal API token. */
  bearer: Record<string, string>;
}

let counter = 0;

/** The actor a request of this member's resolves to, for calling services directly. */
export function asActor(m: TestMember): MemberActor {
  return { kind: "member", id: m.id, role: m.role, name: m.name, email: m.email, via: "session" };
}

/** The session cookie pair from a better-auth response's Set-Cookie headers. */
export function sessionCookieFrom(response: Response): string {
  return sessionFrom(response).cookie;
}

/**
 * A member with this role. The studio's first member must be the owner (setup); later ones are invited by
 * `inviter` (default: the first owner made here for this runtime).
 */
export async function addMember(
  rt: Runtime,
  role: MemberRole,
  options: { name?: string; email?: string; inviter?: TestMember; setupCode?: string } = {},
): Promise<TestMember> {
  counter += 1;
  const name = options.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${counter}`;
  const email = options.email ?? `${role}${counter}-${Date.now()}@studio.test`;
  let invitation: string | undefined;
  if (!(await rt.setup.needsSetup())) {
    const inviter = options.inviter ?? owners.get(rt) ?? (await anyOwner(rt));
    ({ token: invitation } = await createInvitation(
      rt.db.prisma,
      {
        kind: "member",
        id: inviter.id,
        role: inviter.role,
        name: inviter.name,
        email: inviter.email,
        via: "session",
      },
      { role },
    ));
  } else if (role !== "owner") {
    await firstOwner(rt);
    return addMember(rt, role, options);
  }
  const response = await signUp(rt.auth, {
    name,
    email,
    password: TEST_PASSWORD,
    ...(invitation ? { invitation } : {}),
    ...(options.setupCode ? { setupCode: options.setupCode } : {}),
  });
  const { user } = (await response.json()) as { user: { id: string } };
  const cookie = sessionCookieFrom(response);
  const { token } = await createApiToken(rt.db.prisma, user.id, "tests");
  const member: TestMember = {
    id: user.id,
    name,
    email: email.toLowerCase(),
    role,
    password: TEST_PASSWORD,
    cookie,
    token,
    session: { cookie },
    bearer: { authorization: `Bearer ${token}` },
  };
  if (role === "owner" && !owners.has(rt)) owners.set(rt, member);
  return member;
}

const owners = new WeakMap<Runtime, TestMember>();

/** An owner already in the database (e.g. test/support/actors.ts testOwner's), to invite with. */
async function anyOwner(rt: Runtime) {
  const row = await rt.db.prisma.user.findFirstOrThrow({ where: { role: "owner", disabledAt: null } });
  return { id: row.id, role: "owner" as const, name: row.name, email: row.email };
}

/** The owner made for this runtime (made now if there is none yet). */
export async function firstOwner(rt: Runtime): Promise<TestMember> {
  const known = owners.get(rt);
  if (known) return known;
  if (!(await rt.setup.needsSetup())) {
    throw new Error("this studio already has an owner that the test helpers did not make");
  }
  return addMember(rt, "owner");
}
