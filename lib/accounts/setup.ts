import "server-only";
import { randomInt } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { attributeOrphanComments } from "@/lib/review/attribution";
import { hashSecret } from "./secrets";

// First run: a studio with no account shows a setup page that makes the owner. Whoever reaches it first
// would own the studio, so when the server listens beyond this machine the page also asks for a one-time
// setup code that the server prints in its log at start (Jenkins does the same). Each instance started
// before the owner exists prints its own code and adds its hash to the settings row, so the code from any
// instance's log works whichever instance the browser reaches.

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost", "0:0:0:0:0:0:0:1"]);

/** Whether a listen address is reachable from other machines. */
export function listensBeyondLoopback(hostname: string): boolean {
  return !LOOPBACK.has(hostname.toLowerCase()) && !hostname.startsWith("127.");
}

/** A code that is easy to copy from a log: 4 groups of 4 letters and digits (about 80 bits). */
export function newSetupCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}

const normalizeCode = (code: string) => code.trim().toUpperCase().replace(/\s+/g, "");

export class SetupGate {
  /** Set once an owner exists: that never changes back (the last owner cannot be removed). */
  private done = false;

  constructor(
    private readonly prisma: Db,
    /** Whether the setup page must ask for the code (the server listens beyond loopback). */
    readonly codeRequired: boolean,
  ) {}

  async needsSetup(): Promise<boolean> {
    if (this.done) return false;
    const owner = await this.prisma.user.findFirst({ where: { role: "owner" }, select: { id: true } });
    if (owner) this.done = true;
    return !owner;
  }

  /**
   * At start: when setup is still to do and needs a code, makes this instance's code, records its hash,
   * and returns it for the log. Null when no code is needed.
   */
  async issueCode(): Promise<string | null> {
    if (!this.codeRequired || !(await this.needsSetup())) return null;
    const code = newSetupCode();
    await this.prisma.$executeRaw`
      UPDATE "StudioSettings" SET "setupCodeHashes" = array_append("setupCodeHashes", ${hashSecret(normalizeCode(code))}), "updatedAt" = now()
      WHERE "id" = 1`;
    return code;
  }

  async checkCode(code: unknown): Promise<boolean> {
    if (!this.codeRequired) return true;
    if (typeof code !== "string" || !code.trim()) return false;
    const settings = await this.prisma.studioSettings.findUnique({
      where: { id: 1 },
      select: { setupCodeHashes: true },
    });
    return Boolean(settings?.setupCodeHashes.includes(hashSecret(normalizeCode(code))));
  }

  /**
   * Claims the owner's seat for one sign-up: true for exactly one of several racing requests. A claim
   * whose account was never made (the sign-up failed after it) lapses after a minute.
   */
  async claim(): Promise<boolean> {
    const claimed = await this.prisma.$executeRaw`
      UPDATE "StudioSettings" SET "setupCompletedAt" = now(), "updatedAt" = now()
      WHERE "id" = 1 AND ("setupCompletedAt" IS NULL OR ("setupCompletedAt" < now() - interval '1 minute'
        AND NOT EXISTS (SELECT 1 FROM "User" WHERE "role" = 'owner')))`;
    return claimed === 1;
  }

  /** After the owner account exists: codes are spent, and what was made before accounts is theirs. */
  async complete(ownerId: string): Promise<void> {
    this.done = true;
    await this.prisma.$transaction(async (tx) => {
      await tx.studioSettings.update({ where: { id: 1 }, data: { setupCodeHashes: [] } });
      await tx.generation.updateMany({ where: { createdById: null }, data: { createdById: ownerId } });
      await tx.character.updateMany({ where: { createdById: null }, data: { createdById: ownerId } });
      await attributeOrphanComments(tx, ownerId);
    });
  }
}
