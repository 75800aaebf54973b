// Accounts end to end on the server side: better-auth's real routes (rt.auth.handler), the studio's
// hooks, resolveActor on sessions and personal tokens, on PGlite and on PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import { createInvitation, revokeInvitation } from "@/lib/accounts/invitations";
import { changeRole, removeMember } from "@/lib/accounts/members";
import { createApiToken, revokeApiToken } from "@/lib/accounts/tokens";
import { SIGN_IN_PER_MINUTE } from "@/lib/auth/auth";
import { resolveActor } from "@/lib/auth/session";
import { openDatabase } from "@/lib/db/client";
import { addMember, asActor, sessionCookieFrom, TEST_PASSWORD, type TestMember } from "../support/accounts";
import { createTestDatabase, dbKinds, postgresAvailable, type TestDatabase } from "../support/db";
import { useStudio } from "../support/fixture";
import { installRuntime, removeDir, startTestRuntime, submit, type TestRuntime } from "../support/runtime";
import { until } from "../support/until";

const ORIGIN = "http://127.0.0.1:3000";

/** A call to better-auth's own route, as a browser or script makes it. */
function authCall(
  studio: { rt: { auth: { handler(r: Request): Promise<Response> } } },
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return studio.rt.auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

const actorOf = (headers: Record<string, string>) => resolveActor(() => new Headers(headers));

for (const kind of await dbKinds()) {
  describe(`accounts (${kind})`, () => {
    const studio = useStudio(kind, { ready: (s) => installRuntime(s.rt) });
    afterAll(() => installRuntime(undefined));
    let owner: TestMember;

    it("makes the first account the owner, and refuses a stranger's sign-up without creating anything", async () => {
      expect(await studio.rt.setup.needsSetup()).toBe(true);
      owner = await addMember(studio.rt, "owner", { name: "Olivia Owner" });
      expect(await studio.rt.setup.needsSetup()).toBe(false);
      const row = await studio.db.prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
      expect(row.role).toBe("owner");

      const users = await studio.db.prisma.user.count();
      const stranger = await authCall(studio, "/sign-up/email", {
        name: "Mallory",
        email: "mallory@evil.test",
        password: "a long enough password",
      });
      expect(stranger.status).toBe(403);
      expect((await stranger.json()).code).toBe("invitation_required");
      // Trying to grant oneself a role is refused too.
      const selfMade = await authCall(studio, "/sign-up/email", {
        name: "Mallory",
        email: "mallory2@evil.test",
        password: "a long enough password",
        role: "owner",
      });
      expect(selfMade.ok).toBe(false);
      expect(await studio.db.prisma.user.count()).toBe(users);
    });

    it("gives an invited account the invitation's role, once; a used, revoked or expired link is refused", async () => {
      const { token } = await createInvitation(studio.db.prisma, asActor(owner), { role: "editor" });
      const first = await authCall(studio, "/sign-up/email", {
        name: "Eddie",
        email: "eddie@studio.test",
        password: TEST_PASSWORD,
        invitation: token,
      });
      expect(first.status).toBe(200);
      const eddie = await studio.db.prisma.user.findUniqueOrThrow({ where: { email: "eddie@studio.test" } });
      expect(eddie.role).toBe("editor");
      const invite = await studio.db.prisma.invitation.findFirstOrThrow({
        where: { acceptedById: eddie.id },
      });
      expect(invite.acceptedAt).not.toBeNull();

      const again = await authCall(studio, "/sign-up/email", {
        name: "Eve",
        email: "eve@studio.test",
        password: TEST_PASSWORD,
        invitation: token,
      });
      expect(again.status).toBe(403);
      expect((await again.json()).message).toMatch(/already used/);

      const revoked = await createInvitation(studio.db.prisma, asActor(owner), { role: "reviewer" });
      await revokeInvitation(studio.db.prisma, revoked.invitation.id);
      const r = await authCall(studio, "/sign-up/email", {
        name: "Eve",
        email: "eve@studio.test",
        password: TEST_PASSWORD,
        invitation: revoked.token,
      });
      expect((await r.json()).message).toMatch(/revoked/);

      const expired = await createInvitation(studio.db.prisma, asActor(owner), { role: "reviewer" });
      await studio.db.prisma.invitation.update({
        where: { id: expired.invitation.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const e = await authCall(studio, "/sign-up/email", {
        name: "Eve",
        email: "eve@studio.test",
        password: TEST_PASSWORD,
        invitation: expired.token,
      });
      expect((await e.json()).message).toMatch(/expired/);
      expect(await studio.db.prisma.user.count({ where: { email: "eve@studio.test" } })).toBe(0);
    });

    it("resolves a session cookie and a personal token to the member, with the role as it is now", async () => {
      const rev = await addMember(studio.rt, "reviewer");
      expect(await actorOf(rev.session)).toMatchObject({ id: rev.id, role: "reviewer", via: "session" });
      expect(await actorOf(rev.bearer)).toMatchObject({ id: rev.id, role: "reviewer", via: "token" });
      // Both answers are remembered now (lib/auth/actor-cache.ts); the role change is seen at once anyway.
      expect(studio.rt.actors.size).toBeGreaterThanOrEqual(2);
      await changeRole(studio.db.prisma, asActor(owner), rev.id, "editor");
      expect(await actorOf(rev.session)).toMatchObject({ role: "editor" });
      expect(await actorOf(rev.bearer)).toMatchObject({ role: "editor" });
      // Tokens are stored hashed.
      const stored = await studio.db.prisma.apiToken.findMany({ where: { userId: rev.id } });
      expect(JSON.stringify(stored)).not.toContain(rev.token);
      // A revoked token, a made-up one and a tampered cookie resolve to no one.
      const extra = await createApiToken(studio.db.prisma, rev.id, "extra");
      expect(await actorOf({ authorization: `Bearer ${extra.token}` })).not.toBeNull();
      await revokeApiToken(studio.db.prisma, rev.id, extra.apiToken.id);
      expect(await actorOf({ authorization: `Bearer ${extra.token}` })).toBeNull();
      expect(await actorOf({ authorization: `Bearer omni_${"A".repeat(43)}` })).toBeNull();
      expect(await actorOf({ authorization: "Bearer correct-horse-battery-staple" })).toBeNull();
      expect(await actorOf({ cookie: `${rev.cookie.slice(0, -3)}abc` })).toBeNull();
      // Someone else's token cannot be revoked by id.
      await expect(revokeApiToken(studio.db.prisma, owner.id, extra.apiToken.id)).rejects.toThrow(/No token/);
    });

    it("ends the session on the server at sign-out, everywhere on request, and the others on a password change", async () => {
      const m = await addMember(studio.rt, "reviewer");
      const signIn = async () =>
        sessionCookieFrom(await authCall(studio, "/sign-in/email", { email: m.email, password: m.password }));
      const a = m.cookie;
      const b = await signIn();
      // Each session is resolved (and so remembered) before it is ended: the end must be seen regardless.
      expect(await actorOf({ cookie: b })).not.toBeNull();
      const out = await authCall(studio, "/sign-out", {}, { cookie: b });
      expect(out.status).toBe(200);
      expect(await actorOf({ cookie: b })).toBeNull();
      expect(await actorOf({ cookie: a })).not.toBeNull();

      const c = await signIn();
      expect(await actorOf({ cookie: c })).not.toBeNull();
      const everywhere = await authCall(studio, "/revoke-sessions", {}, { cookie: c });
      expect(everywhere.status).toBe(200);
      expect(await actorOf({ cookie: a })).toBeNull();
      expect(await actorOf({ cookie: c })).toBeNull();
      // The personal token is not a session: it stays until revoked.
      expect(await actorOf(m.bearer)).not.toBeNull();

      const d = await signIn();
      const e = await signIn();
      expect(await actorOf({ cookie: e })).not.toBeNull();
      const changed = await authCall(
        studio,
        "/change-password",
        { currentPassword: m.password, newPassword: "a brand new password", revokeOtherSessions: false },
        { cookie: d },
      );
      expect(changed.status).toBe(200);
      expect(await actorOf({ cookie: e })).toBeNull();
      const old = await authCall(studio, "/sign-in/email", { email: m.email, password: m.password });
      expect(old.status).toBe(401);
    });

    it("answers a wrong password the same for a known and an unknown email", async () => {
      const m = await addMember(studio.rt, "reviewer");
      const ip = { "x-forwarded-for": "203.0.113.7" };
      const known = await authCall(
        studio,
        "/sign-in/email",
        { email: m.email, password: "wrong password!" },
        ip,
      );
      const unknown = await authCall(
        studio,
        "/sign-in/email",
        { email: "nobody@studio.test", password: "wrong password!" },
        ip,
      );
      expect(known.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(await known.json()).toEqual(await unknown.json());
    });

    it(`throttles sign-in per client address after ${SIGN_IN_PER_MINUTE} attempts a minute`, async () => {
      const m = await addMember(studio.rt, "reviewer");
      const from = (ip: string) => ({ "x-forwarded-for": ip });
      for (let i = 0; i < SIGN_IN_PER_MINUTE; i++) {
        const r = await authCall(
          studio,
          "/sign-in/email",
          { email: m.email, password: "wrong" },
          from("198.51.100.9"),
        );
        expect(r.status).toBe(401);
      }
      const blocked = await authCall(
        studio,
        "/sign-in/email",
        { email: m.email, password: m.password },
        from("198.51.100.9"),
      );
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("x-retry-after"))).toBeGreaterThan(0);
      // Counted in the database, so another instance on it refuses too; another address is not held back.
      const other = await studio.start();
      const r2 = await other.auth.handler(
        new Request(`${ORIGIN}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: ORIGIN, ...from("198.51.100.9") },
          body: JSON.stringify({ email: m.email, password: m.password }),
        }),
      );
      expect(r2.status).toBe(429);
      const elsewhere = await authCall(
        studio,
        "/sign-in/email",
        { email: m.email, password: m.password },
        from("198.51.100.10"),
      );
      expect(elsewhere.status).toBe(200);
    });

    it("shuts a removed member out at once: sessions, tokens and sign-in", async () => {
      const m = await addMember(studio.rt, "editor");
      expect(await actorOf(m.session)).not.toBeNull();
      expect(await actorOf(m.bearer)).not.toBeNull();
      await removeMember(studio.db.prisma, asActor(owner), m.id);
      expect(await actorOf(m.session)).toBeNull();
      expect(await actorOf(m.bearer)).toBeNull();
      const r = await authCall(studio, "/sign-in/email", { email: m.email, password: m.password });
      expect(r.ok).toBe(false);
    });
  });
}

describe("setup beyond loopback", () => {
  const studio = useStudio("pglite", { env: () => ({ HOSTNAME: "0.0.0.0" }) });

  it("asks for the code from the server's log, and takes only that one", async () => {
    expect(studio.rt.setup.codeRequired).toBe(true);
    const code = await studio.rt.setup.issueCode();
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const body = { name: "Olivia", email: "olivia@studio.test", password: TEST_PASSWORD };
    const none = await authCall(studio, "/sign-up/email", body);
    expect(none.status).toBe(403);
    expect((await none.json()).code).toBe("setup_code_required");
    const wrong = await authCall(studio, "/sign-up/email", { ...body, setupCode: "AAAA-BBBB-CCCC-DDDD" });
    expect(wrong.status).toBe(403);
    expect(await studio.db.prisma.user.count()).toBe(0);
    const right = await authCall(studio, "/sign-up/email", { ...body, setupCode: code!.toLowerCase() });
    expect(right.status).toBe(200);
    const owner = await studio.db.prisma.user.findUniqueOrThrow({ where: { email: "olivia@studio.test" } });
    expect(owner.role).toBe("owner");
    // Spent: the same code does not make a second owner.
    const settings = await studio.db.prisma.studioSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings.setupCodeHashes).toEqual([]);
  });
});

describe("what existed before accounts", () => {
  const studio = useStudio("pglite", { references: { count: 1, seed: 90 } });

  it("becomes the owner's when the owner's account is made; guests' comments stay theirs", async () => {
    // A clip made by the interim owner of the tests' support code, whose account then goes: its clip is
    // left with no creator, as clips made before accounts are.
    const { generation } = await submit(studio.rt, { referenceIds: studio.refs });
    const prisma = studio.db.prisma;
    await prisma.user.deleteMany({});
    await prisma.character.create({ data: { id: "char-before", name: "Before" } });
    await prisma.comment.createMany({
      data: [
        {
          id: "c-before",
          generationId: generation.id,
          atSec: 0,
          body: "old",
          authorName: "Ada",
          authorActorId: "browser-1",
        },
        {
          id: "c-guest",
          generationId: generation.id,
          atSec: 0,
          body: "guest",
          authorName: "Gil",
          authorActorId: "guest:x:y",
          guestName: "Gil",
          guestLinkId: "x",
        },
      ],
    });
    expect(
      (await prisma.generation.findUniqueOrThrow({ where: { id: generation.id } })).createdById,
    ).toBeNull();
    const owner = await addMember(studio.rt, "owner");
    expect((await prisma.generation.findUniqueOrThrow({ where: { id: generation.id } })).createdById).toBe(
      owner.id,
    );
    expect((await prisma.character.findUniqueOrThrow({ where: { id: "char-before" } })).createdById).toBe(
      owner.id,
    );
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: "c-before" } })).authorUserId).toBe(
      owner.id,
    );
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: "c-guest" } })).authorUserId).toBeNull();
  });
});

describe.runIf(await postgresAvailable())("who is asking, between instances sharing PostgreSQL", () => {
  const runtimes: TestRuntime[] = [];
  const closers: (() => Promise<void>)[] = [];
  let db: TestDatabase | undefined;
  afterAll(async () => {
    installRuntime(undefined);
    for (const rt of runtimes) await rt.dispose();
    if (runtimes[0]) await removeDir(runtimes[0].dataDir);
    for (const close of closers) await close();
    await db?.dispose();
  });

  it("a role change, a sign-out and a removal on one instance hold on the other's next request", async () => {
    db = await createTestDatabase("postgres");
    // Two instances, each with its own pool and its own memory of who is asking.
    const opened = await openDatabase({ kind: "postgres", url: db.url as string });
    closers.push(() => opened.close());
    const env = { VIDEO_PROVIDER: "preview" };
    const a = await startTestRuntime(db, env, { startWorker: false });
    const b = await startTestRuntime({ ...opened, dispose: () => opened.close() }, env, {
      startWorker: false,
      dataDir: a.dataDir,
    });
    runtimes.push(a, b);
    const owner = await addMember(a, "owner");
    const m = await addMember(a, "reviewer");
    // Requests reach B, which remembers the answers; the changes are made on A. (Making accounts tells no
    // one to forget: a new session or account leaves the others as they were.)
    installRuntime(b);
    const forgotten = () =>
      until("B to forget who was asking", () => (b.actors.size === 0 ? true : undefined));
    expect(await actorOf(m.session)).toMatchObject({ role: "reviewer" });
    expect(await actorOf(m.bearer)).toMatchObject({ role: "reviewer" });
    expect(b.actors.size).toBe(2);

    await changeRole(a.db.prisma, asActor(owner), m.id, "editor");
    await forgotten();
    expect(await actorOf(m.session)).toMatchObject({ role: "editor" });
    expect(await actorOf(m.bearer)).toMatchObject({ role: "editor" });

    const out = await a.auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-out`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, cookie: m.cookie },
        body: "{}",
      }),
    );
    expect(out.status).toBe(200);
    await forgotten();
    expect(await actorOf(m.session)).toBeNull();
    expect(await actorOf(m.bearer)).toMatchObject({ role: "editor" });

    await removeMember(a.db.prisma, asActor(owner), m.id);
    await forgotten();
    expect(await actorOf(m.bearer)).toBeNull();
  });
});
