import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { readMigrationsList } from "@/lib/db/schema-engine";
import { removeDir } from "../support/runtime";

describe("embedded database", () => {
  it("applies migrations once and keeps rows across a restart", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "omni-pglite-"));
    try {
      const first = await openDatabase({ kind: "pglite", dir });
      expect(first.applied).toEqual(readMigrationsList().migrationDirectories.map((d) => d.path));
      await first.prisma.asset.create({
        data: {
          id: "asset-restart-1",
          sha256: "a".repeat(64),
          mime: "image/png",
          width: 1,
          height: 1,
          bytes: 1,
          originalName: "x.png",
          mediaKey: `${"a".repeat(64)}.png`,
          thumbKey: `${"b".repeat(64)}.webp`,
        },
      });
      await first.close();

      const second = await openDatabase({ kind: "pglite", dir });
      expect(second.applied).toEqual([]);
      expect(await second.prisma.asset.findUnique({ where: { id: "asset-restart-1" } })).not.toBeNull();
      const recorded = await second.prisma.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM _prisma_migrations`;
      expect(Number(recorded[0]!.n)).toBe(readMigrationsList().migrationDirectories.length);
      await second.close();
    } finally {
      await removeDir(dir);
    }
  });
});
