import type { APIRequestContext, Locator, Page } from "@playwright/test";
import type { AssetDTO, GenerationDTO } from "@/lib/generations/dto";
import { expect } from "./fixtures";
import { gaussianNoisePng, type ReferenceKind, referenceImage } from "./images";
import type { FilePayload, StudioPage } from "./studio-page";

// The composer as the composer specs drive it: real drops and pastes (DataTransfer events, as the
// browser sends them), the prompt's raw value and its chips.

type Encoded = { name: string; type: string; data: string };
const encode = (files: FilePayload[]): Encoded[] =>
  files.map((f) => ({ name: f.name, type: f.mimeType, data: f.buffer.toString("base64") }));

/** Drops files on an element the way a drag from the desktop does: dragenter, dragover, drop. */
export async function dropFiles(target: Locator, files: FilePayload[]) {
  const dataTransfer = await target.page().evaluateHandle((items: Encoded[]) => {
    const dt = new DataTransfer();
    for (const f of items) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, encode(files));
  await target.dispatchEvent("dragenter", { dataTransfer });
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}

/** A paste (Ctrl/Cmd+V) of files or text on `target` (the focused element, or the page body). */
export async function paste(page: Page, content: { files?: FilePayload[]; text?: string }, target?: Locator) {
  const handle = target ? await target.elementHandle() : await page.locator("body").elementHandle();
  await page.evaluate(
    ({ el, files, text }) => {
      const dt = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      if (text !== undefined) dt.setData("text/plain", text);
      el!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    { el: handle, files: encode(content.files ?? []), text: content.text },
  );
}

/** What a copy (Ctrl/Cmd+C) of the prompt's current selection puts on the clipboard as plain text. */
export async function copySelection(prompt: Locator): Promise<string> {
  return prompt.evaluate((el) => {
    const dt = new DataTransfer();
    el.dispatchEvent(new ClipboardEvent("copy", { clipboardData: dt, bubbles: true, cancelable: true }));
    return dt.getData("text/plain");
  });
}

export async function expectPrompt(studio: StudioPage, raw: string) {
  await expect(studio.prompt).toHaveAttribute("data-value", raw);
}

/** The prompt's chips: the tag each carries and the reference name it shows. */
export function chips(studio: StudioPage): Locator {
  return studio.prompt.locator("[data-tag]");
}

export async function expectChips(studio: StudioPage, expected: Array<[tag: number, name: string]>) {
  await expect(chips(studio)).toHaveText(expected.map(([, name]) => name));
  const tags = await chips(studio).evaluateAll((els) => els.map((e) => e.getAttribute("data-tag")));
  expect(tags).toEqual(expected.map(([tag]) => `<IMAGE_REF_${tag}>`));
}

export async function tileNames(studio: StudioPage): Promise<string[]> {
  return studio.tiles
    .getByTestId("reference-name")
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}

export const character = (name: string, seed: number) => file("character", name, seed);
export const place = (name: string, seed: number) => file("place", name, seed);
export const look = (name: string, seed: number) => file("look", name, seed);

async function file(kind: ReferenceKind, name: string, seed: number): Promise<FilePayload> {
  return {
    name,
    mimeType: "image/png",
    buffer: await referenceImage(kind, { seed, width: 512, height: 512 }),
  };
}

/** A real PNG of noise, larger than 21 MB (noise does not compress). */
export async function hugePng(name: string): Promise<FilePayload> {
  const buffer = await gaussianNoisePng(2900, 2550, { sigma: 90, compressionLevel: 0 });
  return { name, mimeType: "image/png", buffer };
}

/** Stores an image through the API, as the composer's upload does. */
export async function uploadAsset(request: APIRequestContext, payload: FilePayload): Promise<AssetDTO> {
  const res = await request.post("/api/uploads", { multipart: { file: payload } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { asset: AssetDTO }).asset;
}

/** Creates a clip through the API (same schema as the Generate button). */
export async function createClip(
  request: APIRequestContext,
  body: Record<string, unknown>,
): Promise<GenerationDTO> {
  const res = await request.post("/api/generations", { data: body });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { generation: GenerationDTO }).generation;
}
