// Cost by tier: a clip is priced at its version's tier (lib/generations/cost.ts clipEstimateUsd) when it is
// made, and that price is what today's spend, the Spend page's ledger and the daily spend caps count.
// A 10 s v1.2 clip at 4K is 10 x $0.2457 = $2.457; at v1's rate the same 10 s would be $1.30.
import { describe, expect, it } from "vitest";
import { spentToday } from "@/lib/accounts/spend-caps";
import { ledger } from "@/lib/generations/ledger";
import { spendToday } from "@/lib/generations/spend";
import { AppError } from "@/lib/http/errors";
import { memberRow } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { submit, waitFor } from "../support/runtime";

const FOUR_K_10S = { model: "fal-v1.2", resolution: "4k", duration: 10 } as const;

describe.each(await dbKinds())("cost by tier on %s", (kind) => {
  const studio = useStudio(kind, {
    fal: { queueMs: 30, runMs: 60 },
    references: { count: 2, seed: 330 },
  });
  const prisma = () => studio.rt.db.prisma;

  it("prices a 10 s v1.2 4K clip at $2.457 in the clip, today's spend, the ledger and the member's spend", async () => {
    const vera = await memberRow(prisma(), "Vera", "editor");
    const todayBefore = (await spendToday(prisma())).todayUsd;
    const ledgerBefore = (await ledger(prisma())).totals.completedUsd;
    studio.fal.holdAll(true);
    const { generation } = await submit(studio.rt, { referenceIds: studio.refs, ...FOUR_K_10S }, vera);
    expect(generation.estimatedCostUsd).toBe(2.457);
    const row = await prisma().generation.findUniqueOrThrow({ where: { id: generation.id } });
    expect(row).toMatchObject({ estimatedCostUsd: 2.457, modelVersion: "fal-v1.2", resolution: "4k" });

    // In flight: counted at its estimate by today's spend and the caps, not yet by the ledger.
    await waitFor(studio.rt, generation.id, (g) => g.status === "submitted");
    expect((await spendToday(prisma())).todayUsd).toBeCloseTo(todayBefore + 2.457, 6);
    expect(await spentToday(prisma(), vera.id)).toBe(2.457);
    expect((await ledger(prisma())).totals.completedUsd).toBe(ledgerBefore);

    studio.fal.holdAll(false);
    const done = await waitFor(studio.rt, generation.id);
    expect(done).toMatchObject({ status: "completed", actualCostUsd: 2.457 });
    expect((await spendToday(prisma())).todayUsd).toBeCloseTo(todayBefore + 2.457, 6);
    expect(await spentToday(prisma(), vera.id)).toBe(2.457);
    const after = await ledger(prisma());
    expect(after.totals.completedUsd).toBeCloseTo(ledgerBefore + 2.457, 6);
    expect(after.days[0]!.completedUsd).toBeGreaterThanOrEqual(2.457);
  });

  it("refuses the 4K clip against a $2 cap with the amount left, before anything is sent; a 360p draft fits", async () => {
    const cato = await memberRow(prisma(), "Cato", "editor");
    await prisma().user.update({ where: { id: cato.id }, data: { dailySpendCapUsd: 2 } });
    const ask = (over: Record<string, unknown>) =>
      submit(studio.rt, { referenceIds: studio.refs, ...over }, cato).then(
        () => undefined,
        (e: unknown) => e as AppError,
      );

    const submitsBefore = studio.fal.counts.submits;
    const refused = await ask(FOUR_K_10S);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 403, code: "spend_cap" });
    expect(refused!.message).toContain("Your daily spend cap is $2.00; $2.00 left today, this needs $2.46.");
    expect(await prisma().generation.count({ where: { createdById: cato.id } })).toBe(0);

    // The same 10 s as a 360p draft: 10 x $0.0273.
    const draft = await submit(
      studio.rt,
      { referenceIds: studio.refs, ...FOUR_K_10S, resolution: "360p" },
      cato,
    );
    expect(draft.generation.estimatedCostUsd).toBe(0.273);
    await waitFor(studio.rt, draft.generation.id);
    expect(await spentToday(prisma(), cato.id)).toBe(0.273);

    // Making it final at 4K still does not fit what is left.
    const final = await ask({ ...FOUR_K_10S });
    expect(final).toMatchObject({ status: 403, code: "spend_cap" });
    expect(final!.message).toContain("$1.73 left today, this needs $2.46");
    // One submit in all: the draft's.
    expect(studio.fal.counts.submits - submitsBefore).toBe(1);
  });
});
