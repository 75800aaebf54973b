// `npx tsx scripts/screenshots-phone.ts [--out dir]` (after a build)
// Issue 17's phone and review items into docs/screenshots/ (or --out): at 390x844 the studio right after
// Generate (the new card brought into view, phone-studio-generated-*), compare side by side with named
// chips (phone-compare-*), Spend (phone-spend-*) and a search by a reference's name (phone-search-*); at
// 1366x768 and 1440x900 compare (compare-chips-*) and a take group whose approved take is not the chosen
// one (take-hint-*). Dark and light. A preview-engine studio in a child process on SCREENSHOTS_PORT
// (default: a free port), with a fresh data folder.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { useSession as putSession, type SignedIn, signUpOwner } from "../e2e/support/accounts";
import { CHROMIUM_LAUNCH } from "../e2e/support/chromium";
import { type ReferenceKind, referenceImage } from "../e2e/support/images";
import type { AssetDTO, GenerationDTO } from "../lib/generations/dto";
import { freePort } from "../test/support/pg-cluster";
import { startStudioProcess } from "../test/support/studio-process";

const root = process.cwd();
const argOut = process.argv.indexOf("--out");
const outDir = argOut > 0 ? path.resolve(process.argv[argOut + 1]!) : path.join(root, "docs", "screenshots");

type Api = (url: string, init?: RequestInit) => Promise<Response>;

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function upload(api: Api, base: string, kind: ReferenceKind, name: string, seed: number) {
  const form = new FormData();
  form.append(
    "file",
    new Blob([new Uint8Array(await referenceImage(kind, { seed }))], { type: "image/png" }),
    name,
  );
  return (
    await json<{ asset: AssetDTO }>(await api(`${base}/api/uploads`, { method: "POST", body: form }), name)
  ).asset;
}

async function waitDone(api: Api, base: string, id: string): Promise<GenerationDTO> {
  for (let i = 0; i < 240; i++) {
    const { generation } = await json<{ generation: GenerationDTO }>(
      await api(`${base}/api/generations/${id}`),
      "read",
    );
    if (generation.status === "completed") return generation;
    if (generation.status === "failed" || generation.status === "canceled")
      throw new Error(`generation ${id} ended ${generation.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`generation ${id} did not finish`);
}

const post = (api: Api, url: string, body: unknown) =>
  api(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function clip(api: Api, base: string, body: Record<string, unknown>): Promise<GenerationDTO[]> {
  const { generations } = await json<{ generations: GenerationDTO[] }>(
    await post(api, `${base}/api/generations`, {
      duration: 4,
      aspectRatio: "16:9",
      idempotencyKey: crypto.randomUUID(),
      ...body,
    }),
    "generate",
  );
  return Promise.all(generations.map((g) => waitDone(api, base, g.id)));
}

async function ownerPage(
  browser: Browser,
  base: string,
  owner: SignedIn,
  size: { width: number; height: number },
  colorScheme: "dark" | "light",
) {
  const context = await browser.newContext({ baseURL: base, viewport: size, colorScheme });
  await putSession(context, base, owner);
  const page = await context.newPage();
  page.on("close", () => void context.close());
  return page;
}

async function settle(page: Page) {
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await page
    .waitForFunction(() => [...document.querySelectorAll("video")].every((v) => v.readyState >= 2), null, {
      timeout: 5_000,
    })
    .catch(() => {});
  await page.waitForTimeout(300);
}

async function shot(page: Page, name: string) {
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(root, file)}`);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-screens-phone-"));
  const port = process.env.SCREENSHOTS_PORT ? Number(process.env.SCREENSHOTS_PORT) : await freePort();
  const studio = await startStudioProcess({ port, dataDir, env: { VIDEO_PROVIDER: "preview" } });
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
  try {
    const base = studio.url;
    const owner = await signUpOwner(base);
    const api: Api = (url, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set("cookie", owner.cookie);
      headers.set("origin", base);
      return fetch(url, { ...init, headers });
    };
    const mara = await upload(api, base, "character", "mara.png", 3);
    const pier = await upload(api, base, "place", "pier.png", 5);
    const [a] = await clip(api, base, {
      prompt: "<IMAGE_REF_0> runs along <IMAGE_REF_1> at sunset; waves, gulls.",
      referenceIds: [mara.id, pier.id],
      referenceNames: ["Mara", "Old pier"],
    });
    const [b] = await clip(api, base, {
      prompt: "<IMAGE_REF_0> walks along <IMAGE_REF_1> at night; waves.",
      referenceIds: [mara.id, pier.id],
      referenceNames: ["Mara", "Old pier"],
      aspectRatio: "9:16",
    });
    const takes = await clip(api, base, {
      prompt: "<IMAGE_REF_0> looks back over her shoulder; rain.",
      referenceIds: [mara.id],
      referenceNames: ["Mara"],
      takes: 3,
    });

    for (const scheme of ["dark", "light"] as const) {
      const suffix = scheme === "dark" ? "" : "-light";
      const phone = await ownerPage(browser, base, owner, { width: 390, height: 844 }, scheme);
      if (scheme === "dark") {
        // The take group: take 1 chosen, take 3 approved (through the UI, as a team would).
        await phone.goto(`/clips/${takes[2]!.id}`);
        await phone
          .getByTestId("clip-review")
          .getByRole("combobox", { name: "Review status" })
          .selectOption("approved");
        await phone.waitForTimeout(800);
        await phone.goto("/");
        await phone
          .locator(`[data-testid="generation-card"][data-id="${takes[0]!.id}"]`)
          .getByRole("button", { name: "Choose this take" })
          .click();
        await phone.getByTestId("take-approval-hint").waitFor();
      }

      await phone.goto(`/compare?a=${a!.id}&b=${b!.id}`);
      await phone.getByTestId("compare-video-b").waitFor();
      await settle(phone);
      await shot(phone, `phone-compare-390${suffix}`);
      await phone.getByTestId("prompt-diff").scrollIntoViewIfNeeded();
      await settle(phone);
      await shot(phone, `phone-compare-diff-390${suffix}`);

      await phone.goto("/spend");
      await phone.getByTestId("spend-totals").waitFor();
      await settle(phone);
      await shot(phone, `phone-spend-390${suffix}`);

      await phone.goto("/?q=old%20pier");
      await phone.getByTestId("generation-card").first().waitFor();
      // The search box and its answer together: the gallery's heading at the top, below the header.
      await phone.getByTestId("history").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await settle(phone);
      await shot(phone, `phone-search-390${suffix}`);

      // Generate from the composer: the page brings the user down to the new card.
      await phone.goto("/");
      await phone.getByLabel("Reference images").setInputFiles({
        name: "juno.png",
        mimeType: "image/png",
        buffer: await referenceImage("character", { seed: scheme === "dark" ? 11 : 12 }),
      });
      await phone.locator('[data-testid="reference-tile"][data-status="ready"]').first().waitFor();
      await phone
        .getByRole("textbox", { name: "Prompt" })
        .fill("<IMAGE_REF_0> turns to the camera and smiles; soft rain.");
      await phone.getByRole("button", { name: /^Generate/ }).click();
      await phone.getByTestId("new-clip-note").waitFor();
      await phone.waitForTimeout(900);
      await shot(phone, `phone-studio-generated-390${suffix}`);
      await phone.close();

      for (const [width, height] of [
        [1366, 768],
        [1440, 900],
      ] as const) {
        const page = await ownerPage(browser, base, owner, { width, height }, scheme);
        await page.goto(`/compare?a=${a!.id}&b=${b!.id}`);
        await page.getByTestId("prompt-diff").waitFor();
        await settle(page);
        await shot(page, `compare-chips-${width}${suffix}`);
        await page.goto("/");
        const group = page.locator(`[data-testid="take-group"][data-group-id="${takes[0]!.takeGroupId}"]`);
        await group.getByTestId("take-approval-hint").waitFor();
        await group.scrollIntoViewIfNeeded();
        await settle(page);
        await shot(page, `take-hint-${width}${suffix}`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await studio.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
