import { expect, test } from "@playwright/test";
import { finishedClip } from "../support/clips";
import { GalleryPage } from "../support/gallery-page";

// The gallery's first page is rendered on the server: its cards (and the poster that is the page's
// largest paint) are in the HTML, on screen before any script runs, and React hydrates them without a
// mismatch, whatever the viewer's time zone.

test("the newest clips are in the server's HTML and on screen before the page's scripts run", async ({
  browser,
  request,
  baseURL,
}) => {
  const clip = await finishedClip(
    request,
    { kind: "place", name: "harbour.png", seed: 61 },
    "Fog lifts over <IMAGE_REF_0>; a ferry horn sounds twice.",
  );

  const html = await (await request.get("/")).text();
  expect(html).toContain(`data-id="${clip.id}"`);
  expect(html).toMatch(/data-testid="generation-poster"[^>]*fetchPriority="high"/);

  // No script at all: what the HTML shows by itself.
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.route("**/_next/static/chunks/**", (route) => route.abort());
  await page.goto("/");
  const card = page.locator(`[data-testid="generation-card"][data-id="${clip.id}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId("generation-poster")).toHaveJSProperty("complete", true);
  await expect(page.getByTestId("history-head")).toBeVisible();
  await context.close();
});

test("cards hydrate without a mismatch in a time zone far from the server's, and show its local time", async ({
  browser,
  request,
  baseURL,
}) => {
  const clip = await finishedClip(
    request,
    { kind: "character", name: "keeper.png", seed: 62 },
    "<IMAGE_REF_0> winds the lighthouse clock at midnight.",
  );

  // UTC+14: for most of the day, another date than the server's.
  const context = await browser.newContext({ baseURL, timezoneId: "Pacific/Kiritimati", locale: "en-US" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /hydrat|did not match|didn't match/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const card = gallery.card(clip.id);
  await expect(card).toBeVisible();
  const expected = await page.evaluate(
    (iso) => new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit" }).format(new Date(iso)),
    clip.createdAt,
  );
  await expect(card.locator("time")).toContainText(expected);
  // The card was hydrated, not only painted: hovering it plays the clip.
  await card.hover();
  await expect(card.getByTestId("generation-video")).toBeAttached();
  expect(problems).toEqual([]);
  await context.close();
});
