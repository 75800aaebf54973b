import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { hashSecret, looksLikeSecret, newSecret } from "@/lib/accounts/secrets";
import type { LinkPermission, MemberActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import type { ShareLink } from "@/lib/db/generated/client";
import { findVisibleGeneration } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { ID_PATTERN } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import type { CreatedShareLinkDTO, ShareLinkDTO } from "./dto";
import { LINK_PERMISSIONS, SHARE_KINDS, SHARE_TOKEN_PREFIX, type ShareKind, sharePath } from "./limits";
import { createShareLinkSchema } from "./schema";
import { normalizeViewQuery } from "./scope";

// Review links for people outside the team. An editor makes one for a clip, a take group, a saved
// gallery view, a project or a sequence (each link belongs to the project of what it shares), with its own permissions (viewing, plus comment, review, download), an expiry (at most
// 90 days), and optionally a password (hashed with better-auth's scrypt). The link's secret is shown once;
// the table keeps its SHA-256 (lib/accounts/secrets.ts). Revoking is immediate: every guest request reads
// the link. The guest's side is ./guest.ts.

type LinkRow = ShareLink & { createdBy: { id: string; name: string } };

export function linkStatus(row: Pick<ShareLink, "revokedAt" | "expiresAt">, now = Date.now()) {
  return row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : "active";
}

export function toShareLinkDTO(row: LinkRow): ShareLinkDTO {
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    projectId: row.projectId,
    title: row.title,
    permissions: linkPermissions(row),
    hasPassword: row.passwordHash !== null,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    createdBy: { id: row.createdBy.id, name: row.createdBy.name },
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    status: linkStatus(row),
  };
}

/** The stored permissions, in their canonical order; anything unknown is dropped, never granted. */
export function linkPermissions(row: Pick<ShareLink, "permissions">): LinkPermission[] {
  return LINK_PERMISSIONS.filter((p) => row.permissions.includes(p));
}

const missing = (what: string) =>
  new AppError("not_found", `target: there is no ${what} with that id.`, 404, { target: `no such ${what}` });

/**
 * The target in its stored form and the project it belongs to (null: a gallery view across projects), or
 * a 404/422 that names `target`.
 */
async function checkTarget(
  prisma: Db,
  actor: MemberActor,
  kind: ShareKind,
  target: string,
): Promise<{ target: string; projectId: string | null }> {
  const trimmed = target.trim();
  const id = ID_PATTERN.test(trimmed) ? trimmed : null;
  if (kind === "gallery_view") {
    const view = normalizeViewQuery(trimmed, actor.id);
    const project = new URLSearchParams(view).get("project");
    if (project && !(await prisma.project.findUnique({ where: { id: project }, select: { id: true } }))) {
      throw new AppError("not_found", "target: the view's project does not exist.", 404, {
        target: "no such project",
      });
    }
    return { target: view, projectId: project };
  }
  if (kind === "generation") {
    const row = id ? await findVisibleGeneration(prisma, id) : null;
    if (!row) throw missing("clip (it may have been deleted)");
    return { target: id as string, projectId: row.projectId };
  }
  if (kind === "project") {
    const project = id ? await prisma.project.findUnique({ where: { id }, select: { id: true } }) : null;
    if (!project) throw missing("project");
    return { target: project.id, projectId: project.id };
  }
  if (kind === "sequence") {
    const sequence = id
      ? await prisma.sequence.findUnique({ where: { id }, select: { id: true, projectId: true } })
      : null;
    if (!sequence) throw missing("sequence");
    return { target: sequence.id, projectId: sequence.projectId };
  }
  const first = id
    ? await prisma.generation.findFirst({
        where: { takeGroupId: id, deletedAt: null },
        orderBy: { takeIndex: "asc" },
        select: { projectId: true },
      })
    : null;
  if (!first) throw missing("take group (or all its takes were deleted)");
  return { target: id as string, projectId: first.projectId };
}

/** `origin` is the studio's address as the browser reached it (for the link shown to copy). */
export async function createShareLink(
  prisma: Db,
  actor: MemberActor,
  raw: unknown,
  origin: string,
): Promise<CreatedShareLinkDTO> {
  const input = parseInput(createShareLinkSchema, raw);
  const { target, projectId } = await checkTarget(prisma, actor, input.kind, input.target);
  const token = newSecret(SHARE_TOKEN_PREFIX);
  const row = await prisma.shareLink.create({
    data: {
      id: randomUUID(),
      tokenHash: hashSecret(token),
      kind: input.kind,
      target,
      projectId,
      permissions: LINK_PERMISSIONS.filter((p) => input.permissions.includes(p)),
      title: input.title || null,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
      createdById: actor.id,
    },
    include: { createdBy: { select: { id: true, name: true } } },
  });
  const path = sharePath(token);
  return { link: toShareLinkDTO(row), token, path, url: `${origin.replace(/\/+$/, "")}${path}` };
}

/**
 * Links of a target (`kind` and `target`, or `target` alone across kinds), of a project's work
 * (`project`), or every link, newest first.
 * Active ones only unless `all`.
 */
export async function listShareLinks(
  prisma: Db,
  actor: MemberActor,
  filter: { kind?: string | null; target?: string | null; project?: string | null; all?: boolean },
): Promise<ShareLinkDTO[]> {
  const kind = filter.kind ?? undefined;
  if (kind !== undefined && !SHARE_KINDS.includes(kind as ShareKind)) {
    throw new AppError("invalid_kind", `kind must be one of ${SHARE_KINDS.join(", ")}.`, 400, {
      kind: `one of ${SHARE_KINDS.join(", ")}`,
    });
  }
  let target = filter.target ?? undefined;
  // Views are stored in their normal form: look them up in it too.
  if (target !== undefined && kind === "gallery_view") target = normalizeViewQuery(target, actor.id);
  const rows = await prisma.shareLink.findMany({
    where: {
      ...(kind ? { kind: kind as ShareKind } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(filter.project ? { projectId: filter.project } : {}),
      ...(filter.all ? {} : { revokedAt: null, expiresAt: { gt: new Date() } }),
    },
    include: { createdBy: { select: { id: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return rows.map(toShareLinkDTO);
}

/** Turns a link off at once; revoking a revoked link is not an error. */
export async function revokeShareLink(prisma: Db, id: string): Promise<ShareLinkDTO> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) throw notFound();
  await prisma.shareLink.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await prisma.shareLink.findUnique({
    where: { id },
    include: { createdBy: { select: { id: true, name: true } } },
  });
  if (!row) throw notFound();
  return toShareLinkDTO(row);
}

const notFound = () => new AppError("not_found", "There is no share link with that id.", 404);

/** The link behind a secret, whatever its state; null when the secret is not one (or not well formed). */
export async function findShareLink(prisma: Db, token: string) {
  if (!looksLikeSecret(SHARE_TOKEN_PREFIX, token)) return null;
  return prisma.shareLink.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { createdBy: { select: { id: true, name: true, disabledAt: true } } },
  });
}
