"use server";

import { isMember, unauthorized } from "@/lib/auth/actor";
import { serverAction } from "@/lib/http/server-action";
import { getRuntime } from "@/lib/server/runtime";
import { createShareLink, revokeShareLink } from "@/lib/share/links";
import { studioOrigin } from "@/lib/share/origin";
import { createShareLinkSchema } from "@/lib/share/schema";
import { idSchema } from "@/lib/validation/fields";

// The share dialog's writes (components/share/share-dialog.tsx). Scripts use POST /api/share-links and
// DELETE /api/share-links/:id, which run the same service code.

/** `{ kind, target, permissions?, expiresInDays?, password?, title? }`; the answer carries the link's secret once. */
export const createShareLinkAction = serverAction(
  { role: "editor", args: [createShareLinkSchema] },
  async ({ actor, headers }, input) => {
    if (!isMember(actor)) throw unauthorized();
    const { db } = await getRuntime();
    return createShareLink(db.prisma, actor, input, studioOrigin(await headers()));
  },
);

export const revokeShareLinkAction = serverAction(
  { role: "editor", args: [idSchema("the link id")] },
  async (_ctx, id) => ({ link: await revokeShareLink((await getRuntime()).db.prisma, id) }),
);
