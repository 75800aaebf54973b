import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { GenerationStatus } from "./limits";

/**
 * A set of statuses from state.ts as an SQL list of literals, for raw queries: `"status" IN (...)`.
 * Literals rather than parameters, so the planner sees the same constant list on every call (the
 * claim query's index scan) and the enum needs no cast. Only the fixed vocabulary can get here.
 */
export function statusList(statuses: readonly GenerationStatus[]): Prisma.Sql {
  for (const s of statuses) if (!/^[a-z]+$/.test(s)) throw new Error(`not a status: ${s}`);
  return Prisma.raw(statuses.map((s) => `'${s}'`).join(", "));
}
