import { expect, test } from "@playwright/test";
import { OWNER } from "../support/accounts";
import { createClip, uploadReference, waitForStatus } from "../support/clips";
import { pauseAt } from "../support/player";
import { serverActionIds } from "../support/server-actions";
import { seriousViolations } from "../support/studio-page";

// A review link, end to end in a real browser: an editor (here the owner) makes one from the clip page,
// a fresh browser with no cookies opens it, gives a name, comments and approves, and the member's page
// shows both live; the guest's browser still cannot open the studio's own pages or API. Screenshots of the
// guest's view at desktop and phone sizes go to the test's output folder.

test("an editor shares a clip; a guest with the link comments and approves, and nothing else", async ({
  page,
  browser,
  baseURL,
}, info) => {
  const ref = await uploadReference(page.request, "character", "noor.png", 811);
  const [made] = await createClip(page.request, {
    prompt: "<IMAGE_REF_0> lifts a lantern on the pier as the fog rolls in.",
    references: [ref],
    referenceNames: ["Noor"],
    duration: 5,
  });
  const clip = await waitForStatus(page.request, made!.id, "completed");

  // The member makes the link from the clip's page.
  await page.goto(`/clips/${clip.id}`);
  await page.getByTestId("clip-actions").getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share for review" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Name \(optional/).fill("Pier scene for Noor's agent");
  await expect(dialog.getByRole("checkbox", { name: "Comment" })).toBeChecked();
  await dialog.getByRole("checkbox", { name: "Approve or request changes" }).check();
  await dialog.getByRole("radio", { name: "30 days" }).click();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByTestId("share-url").inputValue();
  await page.screenshot({ path: info.outputPath("share-dialog-1440x900.png") });
  expect(await seriousViolations(page, '[data-testid="share-dialog"]')).toEqual([]);
  expect(url).toMatch(/\/r\/shr_[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByTestId("share-link")).toHaveCount(1);
  await expect(dialog.getByTestId("share-link")).toContainText("Pier scene for Noor's agent");
  await expect(dialog.getByTestId("share-link")).toContainText("View · Comment · Review");
  await page.keyboard.press("Escape");

  // A fresh browser: no cookies, no account (contexts made here would otherwise start from the project's
  // signed-in storage state).
  const guestContext = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    storageState: { cookies: [], origins: [] },
  });
  const guest = await guestContext.newPage();
  await guest.goto(url);
  await expect(
    guest.getByRole("heading", {
      name: new RegExp(`${OWNER.name} shared “Pier scene for Noor's agent” with you`),
    }),
  ).toBeVisible();
  await guest.screenshot({ path: info.outputPath("guest-name-1366x768.png") });
  expect(await seriousViolations(guest)).toEqual([]);
  await guest.getByLabel("Your name").fill("Gita");
  await guest.getByRole("button", { name: "Continue" }).click();

  const view = guest.getByTestId("guest-view");
  await expect(view).toBeVisible();
  await expect(guest.getByTestId("guest-identity")).toContainText("Gita");
  await expect(guest.getByTestId("guest-clip-title")).toContainText("Noor lifts a lantern");
  await expect(guest.getByTestId("guest-link-facts")).toContainText("you can view, comment, approve");
  // Nothing of the studio: no navigation, no composer, no download (not granted).
  await expect(guest.getByRole("navigation")).toHaveCount(0);
  await expect(guest.locator('a[href="/"], a[href="/library"]')).toHaveCount(0);
  await expect(guest.getByTestId("guest-download")).toHaveCount(0);
  await expect(guest.getByRole("textbox", { name: /prompt/i })).toHaveCount(0);

  // The guest comments at a moment and approves.
  await pauseAt(guest, 2);
  const box = guest.getByRole("textbox", { name: /Comment at 0:02.0/ });
  await box.fill("Hold on the lantern a beat longer");
  await guest.getByRole("button", { name: "Post comment" }).click();
  const comment = guest.getByTestId("comment");
  await expect(comment).toHaveCount(1);
  await expect(comment).toContainText("Gita (guest)");
  await expect(comment).toContainText("0:02.0");
  await expect(guest.getByTestId("comment-marker")).toHaveCount(1);
  await guest.getByRole("button", { name: "Approve" }).click();
  await expect(guest.getByRole("button", { name: "Approved" })).toHaveAttribute("aria-pressed", "true");
  await expect(guest.getByTestId("guest-clip").getByTestId("guest-review-status")).toHaveText("Approved");

  await guest.screenshot({ path: info.outputPath("guest-view-1366x768.png") });
  expect(await seriousViolations(guest)).toEqual([]);
  await guest.getByRole("button", { name: /Switch to (dark|light) theme/ }).click();
  expect(await seriousViolations(guest)).toEqual([]);
  await guest.screenshot({ path: info.outputPath("guest-view-1366x768-other-theme.png") });
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    storageState: await guestContext.storageState(),
  });
  const phonePage = await phone.newPage();
  await phonePage.goto(url);
  await expect(phonePage.getByTestId("guest-comments").getByTestId("comment")).toHaveCount(1);
  await phonePage.screenshot({ path: info.outputPath("guest-view-390x844.png") });
  await phonePage.screenshot({ path: info.outputPath("guest-view-390x844-full.png"), fullPage: true });
  await phone.close();

  // The member's page shows both, live, without a reload.
  await expect(page.getByTestId("comment")).toContainText("Gita");
  await expect(page.getByTestId("comment").getByTestId("comment-guest-badge")).toHaveText("guest");
  await expect(page.getByTestId("comment")).toContainText("Hold on the lantern a beat longer");
  await expect(page.getByTestId("review-status")).toHaveValue("approved");

  // The link opens nothing else: the studio's pages send the guest to sign in, its API answers 401.
  for (const path of ["/", "/library", `/clips/${clip.id}`]) {
    await guest.goto(path);
    await expect(guest).toHaveURL(/\/login/);
  }
  // A server action can be posted to any page's path, the link's page too (a public path the proxy lets
  // through). There it either is not found or checks for a member itself; either way nothing happens.
  const ids = serverActionIds(process.cwd(), ["app/actions.ts", "app/share-actions.ts"]);
  const sharePath = new URL(url).pathname;
  for (const [name, args] of [
    ["updateReviewAction", [{ generationId: clip.id, reviewStatus: "changes_requested" }]],
    ["deleteGenerationAction", [clip.id]],
    ["createShareLinkAction", [{ kind: "generation", target: clip.id }]],
  ] as const) {
    const id = ids.get(name);
    expect(id, `${name} in the build's manifest`).toBeTruthy();
    const res = await guestContext.request.post(sharePath, {
      headers: { "Next-Action": id!, "Content-Type": "text/plain;charset=UTF-8", Origin: baseURL! },
      data: JSON.stringify(args),
    });
    const row = (await res.text()).split("\n").find((line) => line.startsWith("1:"));
    if (row)
      expect(JSON.parse(row.slice(2)), name).toMatchObject({ ok: false, error: { code: "unauthorized" } });
  }
  const after = await page.request.get(`/api/generations/${clip.id}`);
  expect(after.status()).toBe(200);
  expect(((await after.json()) as { generation: { reviewStatus: string } }).generation.reviewStatus).toBe(
    "approved",
  );
  const links = await page.request.get(`/api/share-links?kind=generation&target=${clip.id}`);
  expect(((await links.json()) as { items: unknown[] }).items).toHaveLength(1);
  await expect(page.getByTestId("review-status")).toHaveValue("approved");
  const api = await guestContext.request.get("/api/generations");
  expect(api.status()).toBe(401);
  const otherMedia = await guestContext.request.get(clip.posterUrl!);
  expect(otherMedia.status()).toBe(401);

  // Revoked: the guest's open page says so within its refresh.
  await guest.goto(url);
  await expect(guest.getByTestId("guest-view")).toBeVisible();
  await page.getByTestId("clip-actions").getByRole("button", { name: "Share" }).click();
  await dialog.getByRole("button", { name: /Revoke/ }).click();
  await expect(dialog.getByTestId("share-link")).toHaveCount(0);
  await expect(guest.getByTestId("guest-stopped")).toContainText("turned off", { timeout: 15_000 });
  await guest.reload();
  await expect(guest.getByTestId("guest-link_revoked")).toBeVisible();
  await guest.screenshot({ path: info.outputPath("guest-revoked-1366x768.png") });
  await guestContext.close();
});

test("takes behind a password, and a gallery view, as a guest sees them", async ({
  page,
  browser,
  baseURL,
}, info) => {
  const ref = await uploadReference(page.request, "character", "ines.png", 812);
  const takes = await createClip(page.request, {
    prompt: "<IMAGE_REF_0> spins under the boardwalk lights, slow motion.",
    references: [ref],
    referenceNames: ["Ines"],
    duration: 3,
    takes: 3,
  });
  for (const t of takes) await waitForStatus(page.request, t.id, "completed");

  // Takes, behind a password, made through the API as a script would.
  const made = await page.request.post("/api/share-links", {
    data: {
      kind: "take_group",
      target: takes[0]!.takeGroupId,
      permissions: ["review", "download"],
      password: "boardwalk",
    },
    headers: { origin: baseURL! },
  });
  expect(made.status(), await made.text()).toBe(201);
  const { url } = (await made.json()) as { url: string };

  const desk = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    storageState: { cookies: [], origins: [] },
  });
  const guest = await desk.newPage();
  await guest.goto(url);
  await expect(guest.getByTestId("guest-password")).toBeVisible();
  await guest.screenshot({ path: info.outputPath("guest-password-1366x768.png") });
  await guest.getByLabel("Password").fill("not it");
  await guest.getByRole("button", { name: "Open" }).click();
  await expect(guest.getByTestId("guest-gate-error")).toContainText("not right");
  await guest.getByLabel("Password").fill("boardwalk");
  await guest.getByRole("button", { name: "Open" }).click();
  await guest.getByLabel("Your name").fill("Hiro from the agency");
  await guest.getByRole("button", { name: "Continue" }).click();
  const tabs = guest.getByRole("tab");
  await expect(tabs).toHaveCount(3);
  await tabs.nth(1).click();
  await expect(guest.getByTestId("guest-clip")).toHaveAttribute("data-id", takes[1]!.id);
  await guest.getByRole("button", { name: "Request changes" }).click();
  await expect(tabs.nth(1).getByTestId("guest-review-status")).toHaveText("Changes requested");
  // Review without comments: no comment box.
  await expect(guest.getByTestId("guest-comment-form")).toHaveCount(0);
  const download = guest.waitForEvent("download");
  await guest.getByTestId("guest-download").click();
  expect((await download).suggestedFilename()).toMatch(/\.mp4$/);
  await guest.evaluate(() => window.scrollTo({ top: 0 }));
  await guest.screenshot({ path: info.outputPath("guest-takes-1366x768.png") });
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    storageState: await desk.storageState(),
  });
  const phonePage = await phone.newPage();
  await phonePage.goto(url);
  await expect(phonePage.getByRole("tab")).toHaveCount(3);
  await phonePage.screenshot({ path: info.outputPath("guest-takes-390x844.png"), fullPage: true });
  await phone.close();
  await desk.close();

  // A gallery view: the clips a search finds.
  const view = await page.request.post("/api/share-links", {
    data: {
      kind: "gallery_view",
      target: "q=boardwalk&status=completed",
      title: "Boardwalk, all takes",
      permissions: ["comment"],
    },
    headers: { origin: baseURL! },
  });
  expect(view.status(), await view.text()).toBe(201);
  const viewUrl = ((await view.json()) as { url: string }).url;
  const browse = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const visitor = await browse.newPage();
  await visitor.goto(viewUrl);
  await visitor.getByLabel("Your name").fill("Iris");
  await visitor.getByRole("button", { name: "Continue" }).click();
  await expect(visitor.getByRole("heading", { name: "Boardwalk, all takes" })).toBeVisible();
  await expect(visitor.getByTestId("guest-card")).toHaveCount(3);
  // Posters come through the link's media route.
  await expect
    .poll(() =>
      visitor
        .getByTestId("guest-card")
        .locator("img")
        .evaluateAll(
          (imgs) => imgs.length === 3 && imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0),
        ),
    )
    .toBe(true);
  await visitor.screenshot({ path: info.outputPath("guest-gallery-1366x768.png") });
  await visitor.getByTestId("guest-card").first().click();
  await expect(visitor.getByTestId("guest-clip")).toBeVisible();
  await expect(visitor).toHaveURL(/\?clip=/);
  await visitor.goBack();
  await expect(visitor.getByTestId("guest-card")).toHaveCount(3);
  await browse.close();
});

test("an unknown link answers 404 with a page that says what to do", async ({ page }) => {
  const response = await page.goto(`/r/shr_${"A".repeat(43)}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This review link doesn’t work" })).toBeVisible();
});
