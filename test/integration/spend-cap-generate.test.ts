// A member's daily spend cap holds at Generate: refused with the amount left, before anything reaches
// the provider (the fake fal counts every request), through the route scripts use.
import { afterAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/generations/route";
import { addMember } from "../support/accounts";
import { useStudio } from "../support/fixture";
import { installRuntime, newKey } from "../support/runtime";

describe("spend caps at Generate", () => {
  const studio = useStudio("pglite", {
    fal: { queueMs: 20, runMs: 40 },
    references: { count: 1, seed: 95 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));

  it("refuses a clip past the member's cap with the amount left, sends nothing, and lets one within it through", async () => {
    const editor = await addMember(studio.rt, "editor");
    // fal: $0.13 a second, so a 5 s clip is $0.65 and a 3 s one $0.39.
    await studio.db.prisma.user.update({ where: { id: editor.id }, data: { dailySpendCapUsd: 0.5 } });
    const generate = (duration: number) =>
      POST(
        new Request("http://studio.test/api/generations", {
          method: "POST",
          headers: { ...editor.bearer, "content-type": "application/json" },
          body: JSON.stringify({
            prompt: "<IMAGE_REF_0> waves. Single continuous shot.",
            referenceIds: studio.refs,
            duration,
            aspectRatio: "16:9",
            idempotencyKey: newKey(),
          }),
        }),
        { params: Promise.resolve({}) },
      );
    const before = studio.fal.jobs.size;
    const refused = await generate(5);
    expect(refused.status).toBe(403);
    const { error } = await refused.json();
    expect(error.code).toBe("spend_cap");
    expect(error.message).toContain("$0.50");
    expect(error.message).toContain("$0.65");
    expect(await studio.db.prisma.generation.count({ where: { createdById: editor.id } })).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(studio.fal.jobs.size).toBe(before);

    const allowed = await generate(3);
    expect(allowed.status).toBe(202);
    // $0.39 of $0.50 is now on its way: another $0.39 would pass the cap.
    const again = await generate(3);
    expect(again.status).toBe(403);
    expect((await again.json()).error.message).toMatch(/\$0\.11 left today/);
  });
});
