import { expect, test } from "@playwright/test";
import { OWNER } from "../support/accounts";
import { createClip, finishedClip, uploadReference, waitForStatus } from "../support/clips";
import { pauseAt, playerTime } from "../support/player";
import { seriousViolations } from "../support/studio-page";

// The review conversation on a clip: comments pinned to a moment or a range, clicking one seeks the
// player, threads with replies that resolve and reopen, Ctrl+Enter, and a draft that "Comment at" never
// replaces; then star, review status and the gallery's review filters. Drawings on the frame are in
// review-drawings.spec.ts; two members side by side in team-live.spec.ts; who may edit whose comment in
// test/integration/review.test.ts.

test("comment at a moment, seek by clicking it, edit and delete", async ({ page, request }) => {
  const ref = await uploadReference(request, "character", "ines.png", 511);
  const [clip] = await createClip(request, {
    prompt: "<IMAGE_REF_0> turns to the window as the rain starts.",
    references: [ref],
    referenceNames: ["Ines"],
    duration: 5,
  });
  await waitForStatus(request, clip!.id, "completed");
  await page.goto(`/clips/${clip!.id}`);

  // No name to type: comments are signed by the studio's member.
  await pauseAt(page, 3.2);
  await page.getByRole("button", { name: "Comment at 0:03.2" }).click();
  await expect(page.getByLabel(/Your display name/)).toHaveCount(0);
  await page.getByLabel(/Comment at 0:03.2/).fill("Hold the turn a beat longer");
  await page.getByRole("button", { name: "Post comment" }).click();

  await pauseAt(page, 1);
  await page.getByRole("button", { name: "Comment at 0:01.0" }).click();
  await page.getByLabel(/Comment at 0:01.0/).fill("Rain starts too early");
  await page.getByRole("button", { name: "Post comment" }).click();

  // Time order, with a marker each on the timeline.
  const comments = page.getByTestId("comment");
  await expect(comments).toHaveCount(2);
  await expect(comments.nth(0)).toContainText("0:01.0");
  await expect(comments.nth(0)).toContainText("Rain starts too early");
  await expect(comments.nth(1)).toContainText("0:03.2");
  await expect(comments.nth(1)).toContainText(OWNER.name);
  await expect(page.getByTestId("comment-marker")).toHaveCount(2);

  // Clicking a comment seeks the player there.
  await pauseAt(page, 0);
  await comments.nth(1).getByTestId("comment-body").click();
  await expect.poll(() => playerTime(page)).toBeCloseTo(3.2, 1);
  await page.getByRole("button", { name: /Go to comment at 0:01.0/ }).click();
  await expect.poll(() => playerTime(page)).toBeCloseTo(1, 1);

  // Edit your own; Ctrl+Enter saves.
  await comments.nth(0).getByRole("button", { name: "Edit comment at 0:01.0" }).click();
  await comments.nth(0).getByLabel("Edit comment").fill("Rain starts a second too early");
  await comments.nth(0).getByLabel("Edit comment").press("Control+Enter");
  await expect(comments.nth(0)).toContainText("Rain starts a second too early");

  // Delete your own.
  await comments.nth(0).getByRole("button", { name: "Delete comment at 0:01.0" }).click();
  await expect(comments).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("comment")).toHaveCount(1);
});

test("Ctrl+Enter posts, and Comment at moves the draft's time without replacing its text", async ({
  page,
  request,
}) => {
  const clip = await finishedClip(
    request,
    { kind: "place", name: "pier.png", seed: 541 },
    "<IMAGE_REF_0> a pier at noon, gulls overhead.",
  );
  await page.goto(`/clips/${clip.id}`);
  await pauseAt(page, 0.5);
  await page.getByRole("button", { name: "Comment at 0:00.5" }).click();
  const text = page.getByLabel(/^Comment at/);
  await expect(text).toBeFocused();
  await text.fill("The gulls are too loud");

  // Move on and press Comment at again: same text, new time.
  await pauseAt(page, 2);
  await page.getByRole("button", { name: "Comment at 0:02.0" }).click();
  await expect(page.getByLabel("Comment at 0:02.0")).toHaveValue("The gulls are too loud");
  await expect(page.getByLabel("Comment at 0:02.0")).toBeFocused();
  await page.keyboard.type(", here especially");
  await page.keyboard.press("Control+Enter");

  const comment = page.getByTestId("comment");
  await expect(comment).toHaveCount(1);
  await expect(comment).toContainText("0:02.0");
  await expect(comment).toContainText("The gulls are too loud, here especially");
  await expect(page.getByTestId("comment-composer")).toHaveCount(0);
});

test("a thread: reply, resolve folds it away, show resolved, reopen", async ({ page, request }) => {
  const clip = await finishedClip(
    request,
    { kind: "place", name: "market.png", seed: 542 },
    "<IMAGE_REF_0> a busy market, slow pan left.",
  );
  await page.goto(`/clips/${clip.id}`);
  await pauseAt(page, 1.5);
  await page.getByRole("button", { name: "Comment at 0:01.5" }).click();
  await page.getByLabel(/^Comment at/).fill("The pan is too fast");
  await page.getByRole("button", { name: "Post comment" }).click();

  const thread = page.getByTestId("comment-thread");
  await expect(thread).toHaveCount(1);
  await thread.getByRole("button", { name: "Reply to comment at 0:01.5" }).click();
  const reply = page.getByLabel(`Reply to ${OWNER.name} at 0:01.5`);
  await expect(reply).toBeFocused();
  await reply.fill("Halved it in the next take");
  await reply.press("Control+Enter");
  await expect(thread.getByTestId("comment-replies").getByTestId("comment")).toHaveCount(1);
  await expect(thread.getByTestId("comment-replies")).toContainText("Halved it in the next take");
  // Replies sit in the thread, not on the timeline.
  await expect(page.getByTestId("comment-marker")).toHaveCount(1);

  // Resolve: the thread and its marker leave the list until asked for, folded to one line.
  await thread.getByRole("button", { name: "Resolve comment at 0:01.5" }).click();
  await expect(thread).toHaveCount(0);
  await expect(page.getByTestId("comment-marker")).toHaveCount(0);
  await expect(page.getByText("Every thread is resolved.")).toBeVisible();
  const show = page.getByRole("button", { name: "Show resolved (1)" });
  await show.click();
  await expect(show).toHaveAttribute("aria-pressed", "true");
  await expect(thread).toHaveAttribute("data-resolved", "true");
  await expect(thread.getByTestId("resolved-summary")).toContainText("The pan is too fast");
  await expect(thread).toContainText(`Resolved by ${OWNER.name} · 1 reply`);
  await expect(thread.getByTestId("comment")).toHaveCount(0);
  await thread.getByRole("button", { name: "Show the resolved thread at 0:01.5" }).click();
  await expect(thread.getByTestId("comment")).toHaveCount(2);

  // The state is the server's: it holds across a reload.
  await page.reload();
  await expect(page.getByTestId("comment-thread")).toHaveCount(0);
  await page.getByRole("button", { name: "Show resolved (1)" }).click();
  await page.getByRole("button", { name: "Reopen the thread at 0:01.5" }).click();
  await expect(page.getByRole("button", { name: /Show resolved/ })).toHaveCount(0);
  await expect(page.getByTestId("comment-thread")).toHaveAttribute("data-resolved", "false");
  await expect(page.getByTestId("comment")).toHaveCount(2);
});

test("a range comment: in and out points, a span on the timeline, and an out point before the in point refused", async ({
  page,
  request,
}) => {
  const clip = await finishedClip(
    request,
    { kind: "place", name: "bridge.png", seed: 543 },
    "<IMAGE_REF_0> a bridge in fog, a car crosses.",
  );
  await page.goto(`/clips/${clip.id}`);
  await pauseAt(page, 2);
  await page.getByRole("button", { name: "Comment at 0:02.0" }).click();
  await page.getByLabel(/^Comment at/).fill("The fog thins too fast");

  // An out point before the in point: said plainly, and Post waits.
  await pauseAt(page, 1);
  await page.getByRole("button", { name: "Set the out point at 0:01.0" }).click();
  await expect(page.getByTestId("range-error")).toHaveText(
    "The out point (0:01.0) must come after the in point (0:02.0): set it later, or clear the range.",
  );
  await expect(page.getByRole("button", { name: "Post comment" })).toBeDisabled();
  await page.getByRole("button", { name: "Set the in point at 0:01.0" }).click();
  await expect(page.getByTestId("range-error")).toBeVisible();
  await page.getByRole("button", { name: "Clear range" }).click();
  await expect(page.getByTestId("range-error")).toHaveCount(0);

  await pauseAt(page, 0.5);
  await page.getByRole("button", { name: "Set the in point at 0:00.5" }).click();
  await pauseAt(page, 2.5);
  await page.getByRole("button", { name: "Set the out point at 0:02.5" }).click();
  await expect(page.getByTestId("draft-range")).toBeVisible();
  await expect(page.getByLabel("Comment at 0:00.5–0:02.5")).toHaveValue("The fog thins too fast");
  await page.getByRole("button", { name: "Post comment" }).click();

  const comment = page.getByTestId("comment");
  await expect(comment).toContainText("0:00.5–0:02.5");
  // The span covers the range on the timeline, in proportion to the clip's length.
  const timeline = (await page.getByTestId("comment-timeline").boundingBox())!;
  const span = (await page.getByTestId("comment-range").boundingBox())!;
  const duration = await page.getByTestId("clip-player").evaluate((v: HTMLVideoElement) => v.duration);
  expect((span.x - timeline.x) / timeline.width).toBeCloseTo(0.5 / duration, 1);
  expect(span.width / timeline.width).toBeCloseTo(2 / duration, 1);
  // Clicking the span goes to the range's start.
  await pauseAt(page, 2.9);
  await page.getByTestId("comment-range").click();
  await expect.poll(() => playerTime(page)).toBeCloseTo(0.5, 1);

  // The same rule at the API, for scripts: a clear refusal, and nothing stored.
  const refused = await page.request.post(`/api/generations/${clip.id}/comments`, {
    data: { body: "backwards", atSec: 2, endSec: 1 },
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.fields.endSec).toBe(
    "endSec must be after atSec (2 s): a range ends after it starts",
  );
  const forged = await page.request.post(`/api/generations/${clip.id}/comments`, {
    data: { body: "as someone else", atSec: 1, authorName: "Eve" },
  });
  expect(forged.status()).toBe(422);
  const made = await page.request.post(`/api/generations/${clip.id}/comments`, {
    data: { body: "from a script", atSec: 1, endSec: 1.5 },
  });
  expect(made.status()).toBe(201);
  expect((await made.json()).comment).toMatchObject({ authorName: OWNER.name, atSec: 1, endSec: 1.5 });
  await expect(page.getByTestId("comment")).toHaveCount(2);
});

test("the review conversation has no serious accessibility violations, in both themes", async ({
  page,
  request,
}) => {
  const clip = await finishedClip(
    request,
    { kind: "place", name: "station.png", seed: 546 },
    "<IMAGE_REF_0> a night train pulls in, steam.",
  );
  const post = async (data: object) => {
    const res = await request.post(`/api/generations/${clip.id}/comments`, { data });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).comment as { id: string };
  };
  const root = await post({ atSec: 0.5, body: "Steam starts too late" });
  await post({ parentId: root.id, body: "Moved it up a second" });
  await post({ atSec: 1, endSec: 2.5, body: "The lamp flickers through here" });
  await post({
    atSec: 2,
    body: "Crop the sign",
    drawing: {
      shapes: [
        {
          tool: "box",
          color: "red",
          points: [
            [0.2, 0.2],
            [0.5, 0.5],
          ],
        },
      ],
    },
  });
  await page.goto(`/clips/${clip.id}`);
  await expect(page.getByTestId("comment")).toHaveCount(4);
  for (const theme of ["dark", "light"] as const) {
    const html = page.locator("html");
    if (!(await html.getAttribute("class"))?.includes(theme)) {
      await page.getByRole("button", { name: `Switch to ${theme} theme` }).click();
    }
    await page
      .getByTestId("comment")
      .filter({ hasText: "Crop the sign" })
      .getByTestId("comment-body")
      .click();
    await expect(page.getByTestId("frame-drawing")).toBeVisible();
    await page.getByTestId("comment-at").click();
    await page.getByRole("button", { name: "Draw on frame" }).click();
    await expect(page.getByTestId("draw-toolbar")).toBeVisible();
    expect(await seriousViolations(page), theme).toEqual([]);
    await page.getByRole("button", { name: "Cancel" }).click();
  }
});

test("star and approve a clip, then find it with the gallery's review filters", async ({ page, request }) => {
  const ref = await uploadReference(request, "place", "dock.png", 512);
  const [clip] = await createClip(request, {
    prompt: "<IMAGE_REF_0> at dawn, a single boat leaves; oars, water.",
    references: [ref],
  });
  await waitForStatus(request, clip!.id, "completed");
  await page.goto(`/clips/${clip!.id}`);
  const review = page.getByTestId("clip-review");
  const star = review.getByRole("button", { name: "Favorite" });
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");
  await review.getByRole("combobox", { name: "Review status" }).selectOption("approved");
  // The controls answer at once; the server actions behind them run one after another. Reloading before
  // they are saved would cancel the second, so wait until the server has both.
  await expect
    .poll(async () => {
      const { generation } = await (await request.get(`/api/generations/${clip!.id}`)).json();
      return [generation.favorite, generation.reviewStatus];
    })
    .toEqual([true, "approved"]);
  await page.reload();
  await expect(review.getByRole("combobox", { name: "Review status" })).toHaveValue("approved");
  await expect(review.getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "true");

  await page.goto("/");
  const card = page.locator(`[data-testid="generation-card"][data-id="${clip!.id}"]`);
  const filter = page.getByRole("combobox", { name: "Filter by review" });
  await filter.selectOption("approved");
  await expect(page).toHaveURL(/review=approved/);
  await expect(card).toBeVisible();
  await expect(card.getByRole("combobox", { name: "Review status" })).toHaveValue("approved");
  await filter.selectOption("changes_requested");
  await expect(card).toBeHidden();
  await filter.selectOption("favorite");
  await expect(page).toHaveURL(/favorite=true/);
  await expect(card).toBeVisible();
  // Unstar from the card: it leaves the favorites view.
  await card.getByRole("button", { name: "Favorite" }).click();
  await expect(card).toBeHidden();
});
