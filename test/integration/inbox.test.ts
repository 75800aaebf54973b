// Mentions reach the mentioned member's inbox (and their mail, through a real SMTP server), never the
// author's own; the inbox route lists and marks only the caller's notices.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/inbox/route";
import { parseConfig, setConfigForTests } from "@/lib/config/env";
import { notifyMentions } from "@/lib/inbox/service";
import { settleQueuedMail } from "@/lib/mail/send";
import { addMember, asActor, type TestMember } from "../support/accounts";
import { useStudio } from "../support/fixture";
import { type MailServer, startMailServer } from "../support/mail-server";
import { installRuntime, submit, waitFor } from "../support/runtime";

const noParams = { params: Promise.resolve({}) };

describe("inbox", () => {
  let mail: MailServer;
  beforeAll(async () => {
    mail = await startMailServer();
  });
  afterAll(async () => {
    setConfigForTests(undefined);
    installRuntime(undefined);
    await mail.close();
  });
  const studio = useStudio("pglite", {
    references: { count: 1, seed: 80 },
    env: () => ({ SMTP_URL: mail.url }),
    ready: (s) => installRuntime(s.rt),
  });

  it("notifies and mails each mentioned member once, not the author, and lists and marks only their own", async () => {
    setConfigForTests(parseConfig({ SMTP_URL: mail.url, MAIL_FROM: "Omni Studio <studio@studio.test>" }));
    const ada = await addMember(studio.rt, "reviewer", { name: "Ada Lovelace" });
    const bob = await addMember(studio.rt, "editor", { name: "Bob Marley" });
    const { generation } = await submit(studio.rt, { referenceIds: studio.refs });
    const sent = await notifyMentions(studio.db.prisma, {
      generationId: generation.id,
      commentId: "c-1",
      atSec: 2.5,
      body: "@Bob Marley the hand flickers here, @Ada Lovelace agree?",
      prompt: generation.prompt,
      mentionedUserIds: [bob.id, bob.id, ada.id],
      actor: asActor(ada),
      origin: "http://studio.test",
    });
    expect(sent).toBe(1);

    const inboxOf = async (m: TestMember) =>
      (await GET(new Request("http://studio.test/api/inbox", { headers: m.session }), noParams)).json();
    const bobs = await inboxOf(bob);
    expect(bobs.unread).toBe(1);
    expect(bobs.items[0]).toMatchObject({
      kind: "mention",
      actorName: "Ada Lovelace",
      generationId: generation.id,
      commentId: "c-1",
      atSec: 2.5,
      read: false,
    });
    expect((await inboxOf(ada)).unread).toBe(0);

    await settleQueuedMail();
    const received = await mail.waitFor((m) => m.to.includes(bob.email));
    expect(received.subject).toContain("Ada Lovelace");
    expect(received.text).toContain(`http://studio.test/clips/${generation.id}`);
    expect(mail.messages.filter((m) => m.to.includes(ada.email))).toHaveLength(0);

    // Ada cannot mark Bob's notice read; Bob can.
    const id = bobs.items[0].id;
    const mark = (m: TestMember, read: unknown) =>
      POST(
        new Request("http://studio.test/api/inbox", {
          method: "POST",
          headers: { ...m.session, "content-type": "application/json" },
          body: JSON.stringify({ read }),
        }),
        noParams,
      );
    expect(await (await mark(ada, [id])).json()).toEqual({ marked: 0 });
    expect(await (await mark(bob, [id])).json()).toEqual({ marked: 1 });
    expect((await inboxOf(bob)).unread).toBe(0);
    const bad = await mark(bob, "some");
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/read: must be "all"/i);
  });

  it("puts a comment's @mentions into the named members' inboxes when the comment is posted", async () => {
    const cy = await addMember(studio.rt, "reviewer", { name: "Cy Twombly" });
    const dee = await addMember(studio.rt, "editor", { name: "Dee Dee" });
    const { generation } = await submit(studio.rt, { referenceIds: studio.refs });
    await waitFor(studio.rt, generation.id);
    const { addComment } = await import("@/lib/review/comments");
    await addComment(studio.db.prisma, asActor(dee), {
      generationId: generation.id,
      atSec: 1,
      body: "@cy twombly can you check the light here?",
    });
    const inbox = await (
      await GET(new Request("http://studio.test/api/inbox", { headers: cy.session }), noParams)
    ).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ actorName: "Dee Dee", generationId: generation.id, atSec: 1 });
    expect(inbox.items[0].excerpt).toContain("can you check the light");
  });
});
