// Calibrates the identity score on real faces: the face model's own sample photos (22 people in six group
// photos, shipped in @vladmandic/face-api's demo/). Different-person pairs: every two faces. Same-person
// pairs: each face against itself changed the ways a generated clip changes it (mirrored, smaller, darker,
// brighter, tilted, blurred, compressed). Prints the distances and how the calibration in
// lib/identity/score.ts sorts them; docs/identity.md keeps the numbers.
//   node --import tsx scripts/identity-calibrate.ts
import { readdirSync } from "node:fs";
import path from "node:path";
import sharp, { type Sharp } from "sharp";
import { type DetectedFace, detectFaces, type RgbFrame } from "../lib/identity/face-engine";
import { CALIBRATION, distanceToScore, faceDistance } from "../lib/identity/score";
import { SAMPLE_DIR } from "../test/support/faces";

async function rgb(img: Sharp): Promise<RgbFrame> {
  const { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

const CHANGES: [string, (img: Sharp) => Sharp][] = [
  ["mirrored", (i) => i.flop()],
  ["half size", (i) => i.resize({ width: 320 })],
  ["darker", (i) => i.modulate({ brightness: 0.65 })],
  ["brighter", (i) => i.modulate({ brightness: 1.35 })],
  ["tilted 10°", (i) => i.rotate(10, { background: "#808080" })],
  ["blurred", (i) => i.blur(2)],
  ["jpeg q15", (i) => i.jpeg({ quality: 15 })],
];

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]?.toFixed(3);
  return `n=${s.length} min ${q(0)} p10 ${q(0.1)} median ${q(0.5)} p90 ${q(0.9)} max ${s.at(-1)?.toFixed(3)}`;
};

async function main() {
  const photos = readdirSync(SAMPLE_DIR).filter((f) => /^sample\d\.jpg$/.test(f));
  const people: { name: string; face: DetectedFace; portrait: Buffer }[] = [];
  for (const file of photos) {
    const full = sharp(path.join(SAMPLE_DIR, file));
    const meta = await full.metadata();
    const scale = Math.min(1, 960 / Math.max(meta.width ?? 960, meta.height ?? 960));
    const faces = await detectFaces(
      await rgb(sharp(path.join(SAMPLE_DIR, file)).resize({ width: Math.round((meta.width ?? 0) * scale) })),
    );
    for (const [i, face] of faces.entries()) {
      // The face with room around it, from the full-size photo, for the changed copies.
      const b = face.box;
      const side = Math.round((Math.max(b.width, b.height) * 2.2) / scale);
      const cx = (b.x + b.width / 2) / scale;
      const cy = (b.y + b.height / 2) / scale;
      const left = Math.max(0, Math.min((meta.width ?? 0) - side, Math.round(cx - side / 2)));
      const top = Math.max(0, Math.min((meta.height ?? 0) - side, Math.round(cy - side / 2)));
      const portrait = await sharp(path.join(SAMPLE_DIR, file))
        .extract({ left, top, width: side, height: side })
        .resize({ width: 640 })
        .png()
        .toBuffer();
      people.push({ name: `${file.replace(".jpg", "")}#${i}`, face, portrait });
    }
  }
  const different: number[] = [];
  for (let i = 0; i < people.length; i++)
    for (let j = i + 1; j < people.length; j++)
      different.push(
        faceDistance(
          (people[i] as (typeof people)[0]).face.descriptor,
          (people[j] as (typeof people)[0]).face.descriptor,
        ),
      );

  const same: number[] = [];
  const byChange = new Map<string, number[]>();
  let lost = 0;
  for (const p of people) {
    const base = (await detectFaces(await rgb(sharp(p.portrait))))[0];
    if (!base) continue;
    for (const [name, change] of CHANGES) {
      const changed = await change(sharp(p.portrait)).toBuffer();
      const found = (await detectFaces(await rgb(sharp(changed))))[0];
      if (!found) {
        lost++;
        continue;
      }
      const d = faceDistance(base.descriptor, found.descriptor);
      same.push(d);
      byChange.set(name, [...(byChange.get(name) ?? []), d]);
    }
  }
  console.log(`people: ${people.length}; changed copies where no face was found: ${lost}`);
  console.log(`same person     ${stats(same)}`);
  for (const [name, ds] of byChange) console.log(`  ${name.padEnd(12)} ${stats(ds)}`);
  console.log(`different people ${stats(different)}`);
  const { perfect, match, unrelated } = CALIBRATION;
  const sameOver = same.filter((d) => d > match).length;
  const diffUnder = different.filter((d) => d <= match).length;
  console.log(`calibration: perfect ${perfect}, match ${match}, unrelated ${unrelated}`);
  console.log(`same-person pairs over the match distance: ${sameOver} of ${same.length}`);
  console.log(`different-person pairs at or under it: ${diffUnder} of ${different.length}`);
  const at06 = different.filter((d) => d <= 0.6).length;
  console.log(`different-person pairs under the usual 0.6 rule of thumb: ${at06} of ${different.length}`);
  const scores = (ds: number[]) => stats(ds.map((d) => distanceToScore(d)));
  console.log(`scores, same person: ${scores(same)}`);
  console.log(`scores, different people: ${scores(different)}`);
}

await main();
