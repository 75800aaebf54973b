import { expect, test } from "@playwright/test";
import { inviteMember, OWNER, signIn, useSession } from "../support/accounts";
import { finishedClip } from "../support/clips";
import { drag, pauseAt } from "../support/player";

// Two people on two browsers, each signed in as themselves, on the same clip: each sees the other arrive,
// and the other's comments, replies, drawings and approvals appear live (no reload), signed with the
// other's own name; the trail says who approved.

test("two members on one clip see each other, and each other's comments, replies, drawings and approval, live and signed", async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  const clip = await finishedClip(
    request,
    { kind: "character", name: "dancer.png", seed: 611 },
    "<IMAGE_REF_0> dances on the pier at dawn.",
  );
  const owner = await signIn(baseURL!, OWNER.email, OWNER.password);
  const email = `rita-${Date.now()}@e2e.test`;
  const rita = await inviteMember(baseURL!, owner, {
    name: "Rita Reviewer",
    email,
    password: "rita's long password",
    role: "reviewer",
  });
  const other = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 } });
  await useSession(other, baseURL!, rita);
  const second = await other.newPage();

  await page.goto(`/clips/${clip.id}`);
  await second.goto(`/clips/${clip.id}`);
  await expect(page.locator("body")).toHaveAttribute("data-live", "connected");
  await expect(second.locator("body")).toHaveAttribute("data-live", "connected");
  // Each sees the other here.
  await expect(page.getByTestId("presence")).toHaveAttribute("data-viewers", "Rita Reviewer");
  await expect(second.getByTestId("presence")).toHaveAttribute("data-viewers", OWNER.name);

  // The owner comments with a box drawn on the frame; Rita sees it, signed by the owner, and its drawing.
  await pauseAt(page, 1.2);
  await page.getByRole("button", { name: "Comment at 0:01.2" }).click();
  await page.getByLabel(/^Comment at/).fill("Her scarf should be red");
  await page.getByRole("button", { name: "Draw on frame" }).click();
  const layer = page.getByTestId("drawing-layer");
  await page.getByRole("button", { name: "Box", exact: true }).click();
  await drag(page, layer, [0.3, 0.3], [0.6, 0.7]);
  await page.getByRole("button", { name: "Done drawing" }).click();
  await page.getByRole("button", { name: "Post comment" }).click();

  const seen = second.getByTestId("comment");
  await expect(seen).toHaveCount(1);
  await expect(seen).toContainText(OWNER.name);
  await expect(seen).toContainText("Her scarf should be red");
  await expect(seen.getByTestId("comment-drawing-badge")).toBeVisible();
  await seen.getByTestId("comment-body").click();
  await expect(second.getByTestId("frame-drawing").getByTestId("drawn-shape")).toHaveCount(1);

  // Rita replies; the owner sees the reply under the comment, signed by Rita.
  await second.getByRole("button", { name: "Reply to comment at 0:01.2" }).click();
  const reply = second.getByRole("textbox", { name: /^Reply to / });
  await reply.fill("Agreed, and warmer light");
  await reply.press("Control+Enter");
  const replies = page.getByTestId("comment-replies");
  await expect(replies).toContainText("Agreed, and warmer light");
  await expect(replies).toContainText("Rita Reviewer");

  // Rita approves; the owner's page shows it, and its trail says who.
  await second.getByTestId("review-status").selectOption("approved");
  await expect(page.getByTestId("review-status")).toHaveValue("approved");
  await expect(page.getByTestId("clip-activity").getByTestId("activity-item").first()).toContainText(
    "Rita Reviewer",
  );

  // Rita leaves; the owner no longer sees her here.
  await other.close();
  await expect(page.getByTestId("presence")).toHaveCount(0);
});
