import { expect, test } from "@playwright/test";
import type { GenerationDTO } from "@/lib/generations/dto";
import { createClip, getClip, uploadReference, waitForStatus } from "../support/clips";

// Small things that add up (issue 17): compare's prompt diff names its references, the take group says
// when the approved take is not the chosen one, "Failed 0" is not an alarm, search finds reference names,
// the progress bar reads the provider's percentage, and the header knows its provider from the first HTML.

test("compare's Prompt A → B shows named chips, not raw tags", async ({ page, request }) => {
  const ref = await uploadReference(request, "character", "bram.png", 1711);
  const place = await uploadReference(request, "place", "orchard.png", 1712);
  const [a] = await createClip(request, {
    prompt: "<IMAGE_REF_0> climbs a ladder in <IMAGE_REF_1>; birdsong.",
    references: [ref, place],
    referenceNames: ["Bram", "Orchard"],
  });
  const [b] = await createClip(request, {
    prompt: "<IMAGE_REF_0> sits under a tree; birdsong.",
    references: [ref],
    referenceNames: ["Bram"],
  });
  for (const g of [a!, b!]) await waitForStatus(request, g.id, "completed");
  await page.goto(`/compare?ids=${a!.id},${b!.id}`);
  const diff = page.getByTestId("prompt-diff");
  await expect(diff.getByTestId("prompt-chip").first()).toHaveAttribute("data-label", "Bram");
  // The removed tag names A's second reference, in the struck-out part.
  await expect(diff.locator("del").getByTestId("prompt-chip")).toHaveAttribute("data-label", "Orchard");
  // No raw tag is left outside a chip (inside one it sits in a visually hidden span, for copying).
  const outside = await diff.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const chip of copy.querySelectorAll('[data-testid="prompt-chip"]')) chip.remove();
    return copy.textContent ?? "";
  });
  expect(outside).not.toMatch(/<(IMAGE|VIDEO)_REF_\d+>/);
  expect(outside).toContain("birdsong");
  await expect(diff.locator("del")).toContainText(["climbs"]);
  await expect(diff.locator("ins")).toContainText(["sits"]);
});

test("a take group hints when an approved take is not the chosen one", async ({ page, request }) => {
  const ref = await uploadReference(request, "place", "dune.png", 1713);
  const takes = await createClip(request, {
    prompt: "<IMAGE_REF_0> as the wind lifts the sand; low drone.",
    references: [ref],
    takes: 2,
  });
  for (const g of takes) await waitForStatus(request, g.id, "completed");
  await page.goto("/");
  const group = page.locator(`[data-testid="take-group"][data-group-id="${takes[0]!.takeGroupId}"]`);
  const first = group.locator(`[data-testid="generation-card"][data-id="${takes[0]!.id}"]`);
  await first.getByRole("button", { name: "Choose this take" }).click();
  await expect(first).toHaveAttribute("data-chosen", "true");
  await expect(group.getByTestId("take-approval-hint")).toHaveCount(0);

  await page.goto(`/clips/${takes[1]!.id}`);
  await page
    .getByTestId("clip-review")
    .getByRole("combobox", { name: "Review status" })
    .selectOption("approved");
  await expect.poll(async () => (await getClip(request, takes[1]!.id)).reviewStatus).toBe("approved");
  await page.goto("/");
  await expect(group.getByTestId("take-approval-hint")).toHaveText(
    "Take 2 is approved, but take 1 is the chosen one.",
  );
  // Choosing the approved take settles it.
  await group
    .locator(`[data-testid="generation-card"][data-id="${takes[1]!.id}"]`)
    .getByRole("button", { name: "Choose this take" })
    .click();
  await expect(group.getByTestId("take-approval-hint")).toHaveCount(0);
});

test("Spend's zero counts are neutral; a count above zero keeps its colour", async ({ page }) => {
  await page.goto("/spend");
  const totals = page.getByTestId("spend-totals");
  await expect(totals).toBeVisible();
  for (const label of ["Completed", "Failed", "Canceled"]) {
    const value = totals
      .locator("div")
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator("dd");
    const count = Number(await value.textContent());
    const tone = await value.getAttribute("data-tone");
    if (count === 0) expect(tone, `${label} 0`).toBe("neutral");
    else expect(tone, `${label} ${count}`).not.toBe("neutral");
  }
  // This studio's clips all rendered, so nothing failed: the red is gone.
  const failed = totals
    .locator("div")
    .filter({ has: page.getByText("Failed", { exact: true }) })
    .locator("dd");
  if ((await failed.textContent()) === "0") {
    const [failedColour, neutralColour] = await Promise.all([
      failed.evaluate((el) => getComputedStyle(el).color),
      totals
        .locator("dd")
        .first()
        .evaluate((el) => getComputedStyle(el).color),
    ]);
    expect(failedColour).toBe(neutralColour);
  }
});

test("search finds clips by their references' names, not only the prompt", async ({ page, request }) => {
  const ref = await uploadReference(request, "character", "marlow.png", 1714);
  const [clip] = await createClip(request, {
    prompt: "<IMAGE_REF_0> reads a letter by the window; clock ticking.",
    references: [ref],
    referenceNames: ["Quentavius"],
  });
  await waitForStatus(request, clip!.id, "completed");
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search prompts and names" }).fill("quentav");
  await expect(page).toHaveURL(/q=quentav/);
  await expect(page.locator(`[data-testid="generation-card"][data-id="${clip!.id}"]`)).toBeVisible();
  await expect(page.getByTestId("generation-card")).toHaveCount(1);
});

test("the progress bar shows the percentage the render's log gives", async ({ page, request }) => {
  const refs = [];
  for (const [i, kind] of (["character", "place", "look", "character", "place", "look"] as const).entries())
    refs.push(await uploadReference(request, kind, `p${i}.png`, 1720 + i));
  await page.goto("/");
  // A long 1080p clip from six references renders for seconds, logging "Rendering reference 2 of 6 (20%)".
  const res = await request.post("/api/generations", {
    data: {
      prompt: `${refs.map((_, i) => `<IMAGE_REF_${i}>`).join(", ")} in one long shot; footsteps.`,
      referenceIds: refs.map((r) => r.id),
      duration: 15,
      aspectRatio: "16:9",
      resolution: "1080p",
      idempotencyKey: crypto.randomUUID(),
    },
  });
  expect(res.status(), await res.text()).toBe(202);
  const [clip] = ((await res.json()) as { generations: GenerationDTO[] }).generations;
  // Every state the page renders, recorded as it renders it (a MutationObserver, not sampling: on a busy
  // machine a poll can miss a short render between two looks).
  await page.evaluate((id) => {
    const seen: Array<{ log: string; now: string | null; shown: string | null }> = [];
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    const record = () => {
      const el = document.querySelector(`[data-testid="generation-card"][data-id="${id}"]`);
      if (el?.getAttribute("data-status") !== "running") return;
      const sample = {
        log: el.querySelector('[data-testid="generation-log"]')?.textContent ?? "",
        now: el.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow") ?? null,
        shown: el.querySelector('[data-testid="generation-percent"]')?.textContent ?? null,
      };
      const last = seen.at(-1);
      if (!last || last.log !== sample.log || last.now !== sample.now || last.shown !== sample.shown)
        seen.push(sample);
    };
    record();
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  }, clip!.id);
  await waitForStatus(request, clip!.id, "completed");
  const card = page.locator(`[data-testid="generation-card"][data-id="${clip!.id}"]`);
  await expect(card).toHaveAttribute("data-status", "completed");
  const seen = await page.evaluate(
    () =>
      (window as unknown as { __seen: Array<{ log: string; now: string | null; shown: string | null }> })
        .__seen,
  );
  const withPercent = seen.filter((s) => /\d+%/.test(s.log));
  expect(withPercent.length, `samples while running: ${JSON.stringify(seen)}`).toBeGreaterThan(0);
  for (const s of withPercent) {
    const pct = s.log.match(/(\d+)%/)![1]!;
    // Sampled in one go, so the bar and the line it reads agree.
    expect(s.now).toBe(pct);
    expect(s.shown).toBe(`${pct}%`);
  }
  for (const s of seen.filter((s) => !/\d+%/.test(s.log))) expect(s.now).toBeNull();
});

test.describe("without JavaScript, the server's HTML already knows", () => {
  test.use({ javaScriptEnabled: false });

  test("the provider badge and the composer's cost and today's spend", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("provider-badge")).toHaveAttribute("data-provider", "preview");
    await expect(page.getByTestId("provider-badge")).not.toContainText("Checking");
    await expect(page.getByTestId("cost-estimate")).toContainText("Free");
    await expect(page.getByTestId("spend-today")).toHaveText(/^Today \$\d+\.\d\d$/);
    for (const url of ["/library", "/spend", "/members", "/account"]) {
      await page.goto(url);
      await expect(page.getByTestId("provider-badge"), url).toHaveAttribute("data-provider", "preview");
    }
  });
});
