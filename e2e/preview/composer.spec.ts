import { expect, test } from "../support/fixtures";
import { referenceFile } from "../support/images";

test("the composer refuses a non-image, flags a tag with no image, renumbers on remove, submits on Ctrl+Enter", async ({
  studio,
  page,
}) => {
  await studio.goto();
  await studio.referenceInput.setInputFiles([
    { name: "notes.png", mimeType: "text/plain", buffer: Buffer.from("not an image") },
  ]);
  await expect(page.getByTestId("upload-notices")).toContainText("notes.png");
  await expect(studio.tiles).toHaveCount(0);

  await studio.addReferences([await referenceFile("look", "palette.png", 21)]);
  await studio.prompt.fill("<IMAGE_REF_0> fades into <IMAGE_REF_3>");
  await expect(page.getByTestId("prompt-error")).toContainText("<IMAGE_REF_3> has no reference image");
  await expect(studio.generateButton).toBeDisabled();

  // Removing the only reference drops its tag; the out-of-range one shifts down with the others.
  await studio.tile(0).getByRole("button", { name: "Remove" }).click();
  await expect(studio.tiles).toHaveCount(0);
  await expect(studio.prompt).toHaveValue("fades into <IMAGE_REF_2>");
  await expect(studio.generateBlocker).toHaveText("Add at least one reference image");

  await studio.addReferences([await referenceFile("character", "keyboard.png", 22)]);
  const prompt = "<IMAGE_REF_0> slowly turns toward the light. Quiet room tone.";
  await studio.prompt.fill(prompt);
  await expect(studio.generateButton).toBeEnabled();
  const known = new Set(
    await studio.cards.evaluateAll((cards) => cards.map((c) => c.getAttribute("data-id") ?? "")),
  );
  await studio.prompt.press("ControlOrMeta+Enter");
  const id = await studio.newCardId(known);
  await expect(studio.card(id).getByTestId("generation-prompt")).toHaveText(prompt);
  await expect(page.getByTestId("generate-started")).toContainText("Started");
});
