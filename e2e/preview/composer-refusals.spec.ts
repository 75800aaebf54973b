import { createHash } from "node:crypto";
import sharp from "sharp";
import type { AssetDTO } from "@/lib/generations/dto";
import { character, expectPrompt, hugePng, look, place, tileNames } from "../support/composer";
import { expect, test } from "../support/fixtures";
import { referenceImage } from "../support/images";

test("refuses a text file named .png, an unreadable image and an image past the limit, naming the file and the rule; nothing else changes", async ({
  studio,
  page,
}) => {
  let uploads = 0;
  page.on("request", (r) => {
    if (r.url().endsWith("/api/uploads")) uploads++;
  });
  await studio.goto();
  const notices = page.getByTestId("upload-notices");
  const toast = (text: string) => page.locator("[data-sonner-toast]").filter({ hasText: text });

  await studio.referenceInput.setInputFiles([
    { name: "notes.png", mimeType: "text/plain", buffer: Buffer.from("not an image") },
  ]);
  await expect(notices).toContainText(
    "notes.png was not added: it is not a PNG, JPEG or WebP image (text/plain).",
  );
  await expect(toast("notes.png")).toBeVisible();

  // Text that claims to be a PNG: the browser cannot decode it.
  await studio.referenceInput.setInputFiles([
    { name: "fake.png", mimeType: "image/png", buffer: Buffer.from("still not an image") },
  ]);
  await expect(notices).toContainText("fake.png was not added: it cannot be read as an image.");

  // The preview engine's one version takes ten images (lib/models/profiles.ts); the eleventh is refused.
  const names = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  const makers = [character, place, look];
  await studio.addReferences(await Promise.all(names.map((n, i) => makers[i % 3]!(`${n}.png`, 101 + i))));
  await expect(page.getByTestId("reference-count")).toHaveText("10 / 10");
  await studio.prompt.fill("<IMAGE_REF_0> and <IMAGE_REF_9> meet.");
  await studio.referenceInput.setInputFiles([await look("eleventh.png", 111)]);
  await expect(notices).toContainText(
    "eleventh.png was not added: a clip takes at most 10 reference images.",
  );
  await expect(studio.tiles).toHaveCount(10);
  expect(await tileNames(studio)).toEqual(names);
  await expectPrompt(studio, "<IMAGE_REF_0> and <IMAGE_REF_9> meet.");
  expect(uploads).toBe(10);

  // The refusals are one summary (every reason kept), dismissed at once.
  await expect(notices).toHaveCount(1);
  await expect(page.getByTestId("upload-notices-summary")).toHaveText("3 files were not added");
  await notices.getByRole("button", { name: "Dismiss all 3" }).click();
  await expect(notices).toHaveCount(0);
});

test("an image over 20 MB is not refused by its size: the browser scales it down first and sends it under the limit", async ({
  studio,
  page,
}) => {
  await studio.goto();
  const huge = await hugePng("huge-photo.png");
  expect(huge.buffer.length).toBeGreaterThan(21 * 1024 * 1024);
  const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/uploads"));
  await studio.referenceInput.setInputFiles([huge]);
  const response = await uploaded;
  expect(response.status()).toBe(201);
  // What the server stored is what the browser sent: the picture redrawn at 2048 px, under 20 MB.
  const asset = ((await response.json()) as { asset: AssetDTO }).asset;
  expect(Math.max(asset.width, asset.height)).toBe(2048);
  expect(asset.bytes).toBeLessThan(20 * 1024 * 1024);
  await expect(studio.tiles).toHaveCount(1);
  await expect(studio.tiles.first()).toHaveAttribute("data-status", "ready");
  await expect(page.getByTestId("upload-notices")).toHaveCount(0);
});

test("a big photo is scaled down in the browser to a 2048 px long edge, keeping its orientation; a small one is sent as is", async ({
  studio,
  page,
}) => {
  await studio.goto();
  // 3000 x 2000 pixels stored sideways with EXIF orientation 6: it shows as a 2000 x 3000 portrait.
  const photo = await sharp(await referenceImage("place", { seed: 111, width: 3000, height: 2000 }))
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/uploads"));
  await studio.referenceInput.setInputFiles([
    { name: "big-photo.jpg", mimeType: "image/jpeg", buffer: photo },
  ]);
  const big = ((await (await uploaded).json()) as { asset: AssetDTO }).asset;
  expect(big).toMatchObject({ width: 1365, height: 2048, mime: "image/jpeg", name: "big-photo.jpg" });
  expect(big.bytes).toBeLessThan(photo.length);
  await expect(studio.tile(0)).toHaveAttribute("data-status", "ready");

  const small = await character("small.png", 112);
  const sent = page.waitForResponse((r) => r.url().endsWith("/api/uploads"));
  await studio.referenceInput.setInputFiles([small]);
  const asset = ((await (await sent).json()) as { asset: AssetDTO }).asset;
  expect(asset.sha256).toBe(createHash("sha256").update(small.buffer).digest("hex"));
  expect(asset).toMatchObject({ width: 512, height: 512, mime: "image/png" });
});
