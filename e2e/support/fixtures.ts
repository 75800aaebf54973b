import { test as base, expect } from "@playwright/test";
import { StudioPage } from "./studio-page";

export const test = base.extend<{ studio: StudioPage }>({
  studio: async ({ page }, use) => {
    await use(new StudioPage(page));
  },
});

export { expect };
