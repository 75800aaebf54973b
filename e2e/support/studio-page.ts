import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The studio page as a user sees it: accessible names first, test ids where there is no name. */
export class StudioPage {
  readonly providerBadge: Locator;
  readonly referenceInput: Locator;
  readonly tiles: Locator;
  readonly prompt: Locator;
  readonly generateButton: Locator;
  readonly generateBlocker: Locator;
  readonly costEstimate: Locator;
  readonly cards: Locator;

  constructor(readonly page: Page) {
    this.providerBadge = page.getByTestId("provider-badge");
    this.referenceInput = page.getByLabel("Reference images");
    this.tiles = page.getByTestId("reference-tile");
    this.prompt = page.getByRole("textbox", { name: "Prompt" });
    this.generateButton = page.getByRole("button", { name: /^Generate/ });
    this.generateBlocker = page.getByTestId("generate-blocker");
    this.costEstimate = page.getByTestId("cost-estimate");
    this.cards = page.getByTestId("generation-card");
  }

  async goto() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Omni Studio" })).toBeVisible();
  }

  /** Adds files through the drop zone's input and waits until every tile is stored. */
  async addReferences(files: FilePayload[]) {
    const before = await this.tiles.count();
    await this.referenceInput.setInputFiles(files);
    await expect(this.tiles).toHaveCount(before + files.length);
    await expect(this.tiles.and(this.page.locator("[data-status=ready]"))).toHaveCount(
      before + files.length,
      {
        timeout: 30_000,
      },
    );
  }

  tile(index: number): Locator {
    return this.tiles.nth(index);
  }

  async insertTag(index: number) {
    await this.tile(index).getByRole("button", { name: "Insert" }).click();
  }

  async setDuration(seconds: number) {
    await this.page
      .getByRole("radiogroup", { name: "Duration" })
      // Exactly: "4 seconds" is also part of "14 seconds" where a version goes to 15.
      .getByRole("radio", { name: `${seconds} seconds`, exact: true })
      .click();
  }

  async setAspectRatio(ratio: "16:9" | "9:16") {
    await this.page
      .getByRole("radiogroup", { name: "Aspect ratio" })
      .getByRole("radio", { name: new RegExp(`^${ratio}`) })
      .click();
  }

  card(id: string): Locator {
    return this.page.locator(`[data-testid="generation-card"][data-id="${id}"]`);
  }

  /** Waits for a card that was not in `knownIds` to lead the history (newest first) and returns its id. */
  async newCardId(knownIds: ReadonlySet<string>): Promise<string> {
    let id: string | null = null;
    await expect
      .poll(async () => {
        id = await this.cards
          .first()
          .getAttribute("data-id", { timeout: 1_000 })
          .catch(() => null);
        return id !== null && !knownIds.has(id);
      })
      .toBe(true);
    return id!;
  }

  /** Waits for the card to finish; if it ends failed or canceled, fails at once with the card's reason. */
  async expectCompleted(card: Locator, timeout = 90_000) {
    await expect(card).toHaveAttribute("data-status", /^(completed|failed|canceled)$/, { timeout });
    const status = await card.getAttribute("data-status");
    const reason = status === "failed" ? await card.getByTestId("generation-error").textContent() : status;
    expect(status, `generation ended ${status}: ${reason}`).toBe("completed");
    // The gallery shows a poster until the card is hovered or focused (see hoverVideo).
    await expect(card.getByTestId("generation-poster")).toBeVisible();
  }

  /** Rests the pointer on a card so its muted preview video mounts and plays; returns that video. */
  async hoverVideo(card: Locator): Promise<Locator> {
    // From outside the card, so a pointerenter fires even if the pointer was already there before a reload.
    await this.page.mouse.move(0, 0);
    await card.hover();
    const video = card.getByTestId("generation-video");
    await expect(video).toHaveCount(1);
    return video;
  }

  /**
   * Plays the card's video (muted, so autoplay rules allow it) and proves real frames decode: enough data
   * to render, time moving forward, and the expected size.
   */
  async expectVideoPlays(card: Locator, size: { width: number; height: number }) {
    const video = await this.hoverVideo(card);
    await video.evaluate(async (el: HTMLVideoElement) => {
      el.muted = true;
      await el.play();
    });
    await expect
      .poll(() => video.evaluate((el: HTMLVideoElement) => el.readyState), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    const start = await video.evaluate((el: HTMLVideoElement) => el.currentTime);
    await expect
      .poll(() => video.evaluate((el: HTMLVideoElement) => el.currentTime), { timeout: 20_000 })
      .toBeGreaterThan(start + 0.2);
    const dims = await video.evaluate((el: HTMLVideoElement) => ({
      width: el.videoWidth,
      height: el.videoHeight,
    }));
    expect(dims).toEqual(size);
    await video.evaluate((el: HTMLVideoElement) => el.pause());
  }
}

/** axe's serious and critical violations on the page (or only inside `include`), one line each. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const result = await (include ? axe.include(include) : axe).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.help}): ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
}
