// The role matrix, server actions: every action the app exports, called as each role, as a guest link and
// signed out, through invokeWithHeaders (every check an action makes in a request, with these headers);
// each cell's expected outcome is in the table. Shared ground: test/support/role-matrix.ts.
import { beforeAll, describe, expect, it } from "vitest";
import * as accountActions from "@/app/(account)/actions";
import * as actions from "@/app/actions";
import * as shareActions from "@/app/share-actions";
import { createInvitation } from "@/lib/accounts/invitations";
import { createApiToken } from "@/lib/accounts/tokens";
import type { MemberRole } from "@/lib/auth/actor";
import { createCharacter } from "@/lib/characters/service";
import type { GenerationDTO } from "@/lib/generations/dto";
import { invokeWithHeaders } from "@/lib/http/server-action";
import { addComment } from "@/lib/review/comments";
import { createShareLink } from "@/lib/share/links";
import { asActor } from "../support/accounts";
import { BASE, type Expected, from, useRoleMatrix, WHO, type Who } from "../support/role-matrix";
import { newKey, submit, waitFor } from "../support/runtime";

describe("the role matrix: every server action, as every role, a guest link and signed out", () => {
  const m = useRoleMatrix();
  const { studio, people, headersOf, throwaway } = m;
  const actorOf = asActor;
  let clip: GenerationDTO;
  let characterId: string;
  beforeAll(() => {
    ({ clip, characterId } = m);
  });
  // ---- Server actions ----------------------------------------------------------------------------------

  interface ActionCell {
    name: string;
    action: (...args: never[]) => Promise<{ ok: boolean; error?: { code: string } }>;
    args: (who: Who) => Promise<unknown[]>;
    expect: Expected;
  }

  /** A finished clip made by the owner, for a cell to delete, restore or retry. */
  const ownersClip = async () => {
    const made = await submit(
      studio.rt,
      { referenceIds: [studio.refs[0]!], resolution: "360p" },
      actorOf(people.owner),
    );
    // Behind the clips earlier cells made, on a busy machine: a generous wait, not a timing check.
    return (await waitFor(studio.rt, made.generation.id, undefined, 120_000)).id;
  };
  const commentBy = async (who: Who) => {
    const author = who in people ? people[who as MemberRole] : people.owner;
    return (
      await addComment(studio.db.prisma, actorOf(author), { generationId: clip.id, atSec: 1, body: "mine" })
    ).id;
  };

  const actionCells: ActionCell[] = [
    {
      name: "createGenerationAction",
      action: actions.createGenerationAction,
      args: async () => [
        {
          prompt: "<IMAGE_REF_0> nods. Single continuous shot.",
          referenceIds: [studio.refs[0]],
          duration: 3,
          aspectRatio: "16:9",
          idempotencyKey: newKey(),
        },
      ],
      expect: from("editor", "ok"),
    },
    {
      name: "cancelGenerationAction (finished clip)",
      action: actions.cancelGenerationAction,
      args: async () => [clip.id],
      expect: from("editor", "not_cancelable"),
    },
    {
      name: "retryGenerationAction",
      action: actions.retryGenerationAction,
      args: async () => [clip.id, newKey()],
      expect: from("editor", "ok"),
    },
    {
      name: "makeFinalAction",
      action: actions.makeFinalAction,
      args: async () => [clip.id, "720p", newKey()],
      expect: from("editor", "ok"),
    },
    // Editors delete only their own clips: this one is the owner's.
    {
      name: "deleteGenerationAction (the owner's clip)",
      action: actions.deleteGenerationAction,
      args: async () => [await ownersClip()],
      expect: { ...from("editor", "ok"), editor: "forbidden" },
    },
    {
      name: "restoreGenerationAction (the owner's clip)",
      action: actions.restoreGenerationAction,
      args: async () => {
        const id = await ownersClip();
        await studio.db.prisma.generation.update({ where: { id }, data: { deletedAt: new Date() } });
        return [id];
      },
      expect: { ...from("editor", "ok"), editor: "forbidden" },
    },
    {
      name: "updateReviewAction",
      action: actions.updateReviewAction,
      args: async () => [{ generationId: clip.id, favorite: true }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "addCommentAction",
      action: actions.addCommentAction,
      args: async () => [{ generationId: clip.id, atSec: 1, body: "matrix" }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "editCommentAction (own)",
      action: actions.editCommentAction,
      args: async (who) => [{ commentId: await commentBy(who), body: "edited" }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "deleteCommentAction (own)",
      action: actions.deleteCommentAction,
      args: async (who) => [{ commentId: await commentBy(who) }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "resolveCommentAction",
      action: actions.resolveCommentAction,
      args: async () => [{ commentId: await commentBy("owner"), resolved: true }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "createCharacterAction",
      action: actions.createCharacterAction,
      args: async () => [{ name: "Matrix", images: [{ assetId: studio.refs[0] }] }],
      expect: from("editor", "ok"),
    },
    {
      name: "updateCharacterAction",
      action: actions.updateCharacterAction,
      args: async () => [characterId, { name: "Hero", images: [{ assetId: studio.refs[1] }] }],
      expect: from("editor", "ok"),
    },
    {
      name: "deleteCharacterAction",
      action: actions.deleteCharacterAction,
      args: async () => [
        (
          await createCharacter(studio.db.prisma, actorOf(people.owner), {
            name: "Gone",
            images: [{ assetId: studio.refs[0]! }],
          })
        ).id,
      ],
      expect: from("editor", "ok"),
    },
    {
      name: "setCharacterVideoAction",
      action: actions.setCharacterVideoAction,
      args: async () => [characterId, null],
      expect: from("editor", "ok"),
    },
    {
      name: "clipToReferenceVideoAction",
      action: actions.clipToReferenceVideoAction,
      args: async () => [clip.id, { startSec: 0, endSec: 2 }],
      expect: from("editor", "ok"),
    },
    {
      name: "clipFrameAction",
      action: actions.clipFrameAction,
      args: async () => [clip.id, { atSec: 1 }],
      expect: from("editor", "ok"),
    },
    {
      name: "createShareLinkAction",
      action: shareActions.createShareLinkAction,
      args: async () => [{ kind: "generation", target: clip.id }],
      expect: from("editor", "ok"),
    },
    {
      name: "revokeShareLinkAction",
      action: shareActions.revokeShareLinkAction,
      args: async () => [
        (
          await createShareLink(
            studio.db.prisma,
            actorOf(people.editor),
            { kind: "generation", target: clip.id },
            BASE,
          )
        ).link.id,
      ],
      expect: from("editor", "ok"),
    },
    {
      name: "changeRoleAction",
      action: accountActions.changeRoleAction,
      args: async () => [(await throwaway()).id, "editor"],
      expect: from("admin", "ok"),
    },
    {
      name: "setMemberSpendCapAction",
      action: accountActions.setMemberSpendCapAction,
      args: async () => [(await throwaway()).id, 5],
      expect: from("owner", "ok"),
    },
    {
      name: "removeMemberAction",
      action: accountActions.removeMemberAction,
      args: async () => [(await throwaway()).id],
      expect: from("admin", "ok"),
    },
    {
      name: "restoreMemberAction",
      action: accountActions.restoreMemberAction,
      args: async () => {
        const m = await throwaway();
        await studio.db.prisma.user.update({ where: { id: m.id }, data: { disabledAt: new Date() } });
        return [m.id];
      },
      expect: from("admin", "ok"),
    },
    {
      name: "createInvitationAction",
      action: accountActions.createInvitationAction,
      args: async () => [{ role: "reviewer" }],
      expect: from("admin", "ok"),
    },
    {
      name: "revokeInvitationAction",
      action: accountActions.revokeInvitationAction,
      args: async () => [
        (await createInvitation(studio.db.prisma, actorOf(people.owner), { role: "reviewer" })).invitation.id,
      ],
      expect: from("admin", "ok"),
    },
    {
      name: "createTokenAction",
      action: accountActions.createTokenAction,
      args: async () => [{ name: "matrix" }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "revokeTokenAction (one's own)",
      action: accountActions.revokeTokenAction,
      args: async (who) => {
        const owner = who in people ? people[who as MemberRole] : people.owner;
        return [(await createApiToken(studio.db.prisma, owner.id, "matrix")).apiToken.id];
      },
      expect: from("reviewer", "ok"),
    },
    {
      name: "setTeamSpendCapAction",
      action: accountActions.setTeamSpendCapAction,
      args: async () => [null],
      expect: from("owner", "ok"),
    },
  ];

  it("answers every server action as its table says", async () => {
    const wrong: string[] = [];
    for (const cell of actionCells) {
      for (const who of WHO) {
        const result = await invokeWithHeaders(cell.action, headersOf(who), ...(await cell.args(who)));
        const got = result.ok ? "ok" : (result.error?.code ?? "?");
        if (got !== cell.expect[who])
          wrong.push(`${cell.name} as ${who}: ${got}, expected ${cell.expect[who]}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  it("covers every server action the app exports", () => {
    const exported = [actions, shareActions, accountActions].flatMap((m) =>
      Object.entries(m)
        .filter(([, v]) => typeof v === "function")
        .map(([k]) => k),
    );
    const covered = actionCells.map((c) => c.name.split(" ")[0]);
    expect(exported.filter((name) => !covered.includes(name))).toEqual([]);
  });
});
