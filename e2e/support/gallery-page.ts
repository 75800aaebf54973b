import { expect, type Locator, type Page } from "@playwright/test";

/** The gallery and a clip's page, as a user sees them. */
export class GalleryPage {
  readonly gallery: Locator;
  readonly cards: Locator;
  readonly search: Locator;
  readonly statusFilter: Locator;

  constructor(readonly page: Page) {
    this.gallery = page.getByTestId("history");
    this.cards = page.getByTestId("generation-card");
    this.search = page.getByRole("searchbox", { name: "Search prompts and names" });
    this.statusFilter = page.getByRole("radiogroup", { name: "Filter by status" });
  }

  async goto(query = "") {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByRole("heading", { name: "Omni Studio" })).toBeVisible();
  }

  card(id: string): Locator {
    return this.page.locator(`[data-testid="generation-card"][data-id="${id}"]`);
  }

  async filter(label: "All" | "In progress" | "Completed" | "Failed" | "Canceled") {
    await this.statusFilter.getByRole("radio", { name: label }).click();
  }

  /** The toast that says `title`, e.g. "Clip deleted". */
  toast(title: string | RegExp): Locator {
    return this.page.locator("[data-sonner-toast]").filter({ hasText: title });
  }
}
