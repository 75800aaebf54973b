import "server-only";
import type { DbTx } from "@/lib/db/client";

/**
 * The first project: the migration that made projects created it and put every existing clip in it, and
 * a clip made without a project or a shot goes there. Startup makes sure it exists (a database restored
 * from before that migration, or one where it was removed by hand).
 */
export const FIRST_PROJECT_ID = "first-project";
export const FIRST_PROJECT_NAME = "First project";

export async function ensureFirstProject(prisma: DbTx): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "Project" ("id", "name", "createdAt", "updatedAt")
    VALUES (${FIRST_PROJECT_ID}, ${FIRST_PROJECT_NAME}, now(), now())
    ON CONFLICT ("id") DO NOTHING`;
}
