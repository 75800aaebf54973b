// Real faces for identity tests: portraits cut from the face model's own sample photos (they ship in the
// @vladmandic/face-api package, demo/), one person each. Boxes measured once with its SSD detector.
import { createRequire } from "node:module";
import path from "node:path";
import sharp from "sharp";

const require = createRequire(import.meta.url);
export const SAMPLE_DIR = path.join(
  path.dirname(require.resolve("@vladmandic/face-api/package.json")),
  "demo",
);

/** [photo, face box x, y, width, height] in the photo's pixels. */
const PEOPLE = {
  ana: ["sample1.jpg", 1476, 200, 203, 241],
  bea: ["sample3.jpg", 1514, 292, 170, 280],
  cara: ["sample6.jpg", 1181, 305, 188, 279],
  dana: ["sample4.jpg", 664, 52, 187, 258],
} as const;

export type Person = keyof typeof PEOPLE;

/** A head-and-shoulders portrait of one person (the face about a third of the frame), as PNG bytes. */
export async function portrait(
  person: Person,
  options: { width?: number; mirror?: boolean } = {},
): Promise<Buffer> {
  const [file, x, y, w, h] = PEOPLE[person];
  const img = sharp(path.join(SAMPLE_DIR, file));
  const meta = await img.metadata();
  const cx = x + w / 2;
  const cy = y + h / 2;
  const side = Math.round(Math.max(w, h) * 2.4);
  const left = Math.max(0, Math.min((meta.width ?? 0) - side, Math.round(cx - side / 2)));
  const top = Math.max(0, Math.min((meta.height ?? 0) - side, Math.round(cy - side * 0.45)));
  let out = img.extract({ left, top, width: side, height: side }).resize({ width: options.width ?? 640 });
  if (options.mirror) out = out.flop();
  return out.png().toBuffer();
}
