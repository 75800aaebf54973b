import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";

// The studio's one settings row. Made on first start with a random secret for better-auth's cookies, so
// the studio runs with no configuration; several instances on one PostgreSQL database share it.

export async function ensureSettings(prisma: Db) {
  await prisma.$executeRaw`
    INSERT INTO "StudioSettings" ("id", "authSecret", "updatedAt")
    VALUES (1, ${randomBytes(32).toString("base64url")}, now())
    ON CONFLICT ("id") DO NOTHING`;
  return prisma.studioSettings.findUniqueOrThrow({ where: { id: 1 } });
}
