import "server-only";
import { randomUUID } from "node:crypto";
import { actorsChanged } from "@/lib/auth/actor-cache";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { hashSecret, looksLikeSecret, newSecret } from "./secrets";

// Personal API tokens: a script acts as the member who made the token, with that member's role at the
// time of each request (a role change or removal applies at once). Only a hash is stored; the token is
// shown once when made.

export const TOKEN_PREFIX = "omni";
export const MAX_TOKENS_PER_USER = 20;
export const MAX_TOKEN_NAME = 60;

export interface ApiTokenDTO {
  id: string;
  name: string;
  /** The first characters, to tell tokens apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export function isApiToken(value: string): boolean {
  return looksLikeSecret(TOKEN_PREFIX, value);
}

export async function createApiToken(
  prisma: Db,
  userId: string,
  name: string,
): Promise<{ token: string; apiToken: ApiTokenDTO }> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > MAX_TOKEN_NAME) {
    throw new AppError(
      "invalid_input",
      `name: give the token a name of 1 to ${MAX_TOKEN_NAME} characters (e.g. "render script").`,
      400,
    );
  }
  const count = await prisma.apiToken.count({ where: { userId } });
  if (count >= MAX_TOKENS_PER_USER) {
    throw new AppError(
      "too_many_tokens",
      `You already have ${MAX_TOKENS_PER_USER} tokens; revoke one you no longer use first.`,
      409,
    );
  }
  const token = newSecret(TOKEN_PREFIX);
  const row = await prisma.apiToken.create({
    data: {
      id: randomUUID(),
      userId,
      name: trimmed,
      tokenHash: hashSecret(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 7),
    },
  });
  return { token, apiToken: toApiTokenDTO(row) };
}

export async function listApiTokens(prisma: Db, userId: string): Promise<ApiTokenDTO[]> {
  const rows = await prisma.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map(toApiTokenDTO);
}

/** Revokes one of the user's own tokens; another user's token is "not found", not "forbidden". */
export async function revokeApiToken(prisma: Db, userId: string, id: string): Promise<void> {
  const { count } = await prisma.apiToken.deleteMany({ where: { id, userId } });
  if (count) actorsChanged(prisma);
  if (!count) throw new AppError("not_found", "No token of yours has that id (already revoked?).", 404);
}

/** The active user behind a token, or null. Marks the token used (at most once a minute). */
export async function userForToken(prisma: Db, token: string) {
  if (!isApiToken(token)) return null;
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      id: true,
      lastUsedAt: true,
      user: { select: { id: true, name: true, email: true, role: true, disabledAt: true } },
    },
  });
  if (!row || row.user.disabledAt) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000) {
    void prisma.apiToken
      .update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } })
      .catch(() => {});
  }
  return row.user;
}

function toApiTokenDTO(row: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}): ApiTokenDTO {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
