import type { APIRequestContext, Page } from "@playwright/test";
import type { CharacterDTO } from "@/lib/characters/dto";
import { uploadReference } from "../support/clips";
import { character, expectPrompt, look, place, tileNames } from "../support/composer";
import { expect, test } from "../support/fixtures";
import { callAction, serverActionIds } from "../support/server-actions";
import { type StudioPage, seriousViolations } from "../support/studio-page";

// Inserting a saved character picks which of its images join the tray (all, the main one, or chosen),
// names what must leave when they do not fit, adds its voice note to the prompt when asked, and the
// prompt's @ menu finds it by its two-word name.

const VOICE = "a low, unhurried voice";

/** A character ("Mara Kel" unless named): three images through the API, the second one main, with a voice note. */
async function createMara(
  request: APIRequestContext,
  baseURL: string,
  seed: number,
  characterName = "Mara Kel",
): Promise<CharacterDTO> {
  const [front, side, back] = await Promise.all(
    ["front", "side", "back"].map((n, i) => uploadReference(request, "character", `mara-${n}.png`, seed + i)),
  );
  const ids = serverActionIds();
  const made = await callAction<{ character: CharacterDTO }>(
    request,
    baseURL,
    ids.get("createCharacterAction")!,
    [
      {
        name: characterName,
        description: "Lighthouse keeper",
        images: [
          { assetId: front!.id, label: "mara front" },
          { assetId: side!.id, label: "mara side" },
          { assetId: back!.id, label: "mara back" },
        ],
        mainAssetId: side!.id,
        voiceNote: VOICE,
      },
    ],
  );
  if (!made.ok) throw new Error(`createCharacterAction: ${made.error.message}`);
  return made.character;
}

/** Other specs' @ menus list every saved character: this one leaves none behind. */
async function deleteCharacter(request: APIRequestContext, baseURL: string, id: string) {
  const done = await callAction(request, baseURL, serverActionIds().get("deleteCharacterAction")!, [id]);
  expect(done.ok).toBe(true);
}

// Nine references beside the main image fill the preview engine's tray (it takes 10).
const FILLERS = ["dock", "fog", "stairs", "lamp", "rope", "gull", "net", "boat", "pier"];
const fillers = (seed: number) =>
  Promise.all(FILLERS.map((n, i) => (i % 2 ? look : place)(`${n}.png`, seed + i)));

async function freshComposer(studio: StudioPage, page: Page) {
  await studio.goto();
  await page.evaluate(() => localStorage.clear());
}

test("insert a character: main image only, make room for all, its voice, then @Mara K", async ({
  studio,
  page,
  request,
  baseURL,
}) => {
  const mara = await createMara(request, baseURL!, 7301);
  try {
    await freshComposer(studio, page);

    // The library's Insert link: the dialog opens with everything picked, since all three fit.
    await page.goto(`/?insert=${mara.id}`);
    const dialog = page.getByRole("dialog", { name: "Insert Mara Kel" });
    await expect(dialog).toBeVisible();
    await expect(page).not.toHaveURL(/insert=/);
    await expect(dialog.getByTestId("insert-character-room")).toHaveText(
      "Room for 10 more of 10 in the tray.",
    );
    await expect(dialog.getByRole("radio", { name: "All images (3)" })).toBeChecked();
    await expect(dialog.getByTestId("insert-character-image").first()).toContainText("Main");
    await dialog.getByRole("radio", { name: "Main image only" }).check();
    const status = dialog.getByTestId("insert-character-status");
    await expect(status).toHaveText("1 image will join the tray.");
    await dialog.getByRole("button", { name: "Insert", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(studio.tiles).toHaveCount(1);
    expect(await tileNames(studio)).toEqual(["mara side"]);

    // Fill the tray to the limit; a prompt that names the main image.
    await studio.addReferences(await fillers(7311));
    await studio.prompt.fill("<IMAGE_REF_0> climbs <IMAGE_REF_3> at night.");

    // From the composer's menu: the tray is full, so "Main image only" is the default (and is there).
    const menu = page.getByTestId("insert-character");
    await menu.getByText("Insert character").click();
    await page.getByRole("button", { name: "Insert Mara Kel" }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("insert-character-room")).toHaveText("The tray is full (10 of 10).");
    await expect(dialog.getByRole("radio", { name: "Main image only" })).toBeChecked();
    await expect(status).toHaveText("Every picked image is already in the tray.");
    const insert = dialog.getByRole("button", { name: "Insert", exact: true });
    await expect(insert).toHaveAttribute("aria-disabled", "true");
    // Esc closes it; focus goes back to the menu's button.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(menu.locator("summary")).toBeFocused();

    await menu.getByText("Insert character").click();
    await page.getByRole("button", { name: "Insert Mara Kel" }).click();
    await dialog.getByRole("radio", { name: "All images (3)" }).check();
    await expect(dialog.getByTestId("insert-character-image").filter({ hasText: "mara side" })).toContainText(
      "already in the tray",
    );
    await expect(status).toHaveText(
      "2 images will not fit: the tray has room for 0 more of 10. Remove 2 more to fit, or pick fewer.",
    );
    await expect(insert).toHaveAttribute("aria-disabled", "true");
    // The tray's references, each with Remove; the one this pick uses is kept.
    const room = dialog.getByTestId("make-room");
    await expect(room.getByRole("listitem")).toHaveCount(10);
    await expect(room.getByRole("listitem").first()).toContainText("in this pick");
    await room.getByRole("checkbox", { name: "Remove dock" }).check();
    await expect(status).toContainText("Remove 1 more to fit");
    // A click on the disabled Insert does nothing (Playwright would wait for it to be enabled: forced).
    await insert.click({ force: true });
    await expect(dialog).toBeVisible();
    await room.getByRole("checkbox", { name: "Remove fog" }).check();
    await expect(status).toHaveText(
      "2 images will join the tray, 2 references will leave it (1 image already in the tray).",
    );
    await expect(insert).not.toHaveAttribute("aria-disabled", "true");
    expect(await seriousViolations(page, '[data-testid="insert-character-dialog"]')).toEqual([]);
    // Its voice, off unless asked.
    const voice = dialog.getByRole("checkbox", { name: /Add its voice to the prompt/ });
    await expect(voice).not.toBeChecked();
    await voice.check();
    await insert.click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText("2 images joined the tray; 2 references left it; its voice joined the prompt."),
    ).toBeVisible();
    expect(await tileNames(studio)).toEqual(["mara side", ...FILLERS.slice(2), "mara front", "mara back"]);
    // The removed references' places were renumbered; the voice line is at the end.
    await expectPrompt(studio, `<IMAGE_REF_0> climbs <IMAGE_REF_1> at night. Voice of Mara Kel: ${VOICE}.`);

    // @ with two words finds the character; its images are in the tray, so their tags go in, main first.
    await studio.prompt.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Then @Mara K");
    const mention = page.getByTestId("mention-menu");
    await expect(mention.getByTestId("mention-characters").getByRole("option")).toHaveText([/Mara Kel/]);
    await page.keyboard.press("Enter");
    await expect(mention).toBeHidden();
    await expectPrompt(
      studio,
      `<IMAGE_REF_0> climbs <IMAGE_REF_1> at night. Voice of Mara Kel: ${VOICE}. Then <IMAGE_REF_0> <IMAGE_REF_8> <IMAGE_REF_9> `,
    );
    // A word the name does not hold closes the menu.
    await page.keyboard.type("@Mara X");
    await expect(mention).toBeHidden();
  } finally {
    await deleteCharacter(request, baseURL!, mara.id);
  }
});

test("@ on a character with no image in the tray adds its main image and tags it", async ({
  studio,
  page,
  request,
  baseURL,
}) => {
  const mara = await createMara(request, baseURL!, 7321, "Tova Rind");
  try {
    await freshComposer(studio, page);
    await studio.goto();
    await studio.addReferences([await character("juno.png", 7331)]);
    await studio.prompt.fill("<IMAGE_REF_0> meets ");
    await page.keyboard.press("Control+End");
    await page.keyboard.type("@tova r");
    const option = page.getByTestId("mention-characters").getByRole("option", { name: /Tova Rind/ });
    await expect(option).toBeVisible();
    await option.click();
    await expect(studio.tiles).toHaveCount(2);
    expect(await tileNames(studio)).toEqual(["juno", "mara side"]);
    await expectPrompt(studio, "<IMAGE_REF_0> meets <IMAGE_REF_1> ");
  } finally {
    await deleteCharacter(request, baseURL!, mara.id);
  }
});

test("the insert dialog on a phone, by keyboard: arrows pick the mode, Enter inserts", async ({
  studio,
  page,
  request,
  baseURL,
}) => {
  const mara = await createMara(request, baseURL!, 7341, "Ines Vale");
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await freshComposer(studio, page);
    await page.goto(`/?insert=${mara.id}`);
    const dialog = page.getByRole("dialog", { name: "Insert Ines Vale" });
    await expect(dialog).toBeInViewport({ ratio: 1 });
    const all = dialog.getByRole("radio", { name: "All images (3)" });
    await expect(all).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(dialog.getByRole("radio", { name: "Main image only" })).toBeChecked();
    await page.keyboard.press("ArrowRight");
    await expect(dialog.getByRole("radio", { name: "Choose…" })).toBeChecked();
    // Under "Choose…" each image has its own checkbox; the main one says so.
    await expect(dialog.getByRole("checkbox", { name: "Add mara side (main)" })).toBeChecked();
    await dialog.getByRole("checkbox", { name: "Add mara side (main)" }).uncheck();
    await expect(dialog.getByTestId("insert-character-status")).toHaveText("Pick at least one image.");
    await dialog.getByRole("checkbox", { name: "Add mara back" }).check();
    const insert = dialog.getByRole("button", { name: "Insert", exact: true });
    await expect(insert).toBeInViewport();
    await insert.focus();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    expect(await tileNames(studio)).toEqual(["mara back"]);
  } finally {
    await deleteCharacter(request, baseURL!, mara.id);
  }
});
