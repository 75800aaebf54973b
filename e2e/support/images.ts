import sharp from "sharp";

// Reference images drawn from SVG with sharp: distinct bytes per kind and seed (a corner mark tells apart
// seeds 360 apart, whose hues match), and they look like what people drop in (a character, a place, a
// look), so screenshots show something sensible.

export type ReferenceKind = "character" | "place" | "look";

function svgFor(kind: ReferenceKind, seed: number, w: number, h: number): string {
  const hue = (seed * 47 + (kind === "place" ? 190 : kind === "look" ? 300 : 20)) % 360;
  const bg = `<defs><linearGradient id="g" x1="0" y1="0" x2="0.4" y2="1">
      <stop offset="0" stop-color="hsl(${hue},65%,62%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},55%,24%)"/>
    </linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>`;
  if (kind === "character") {
    const cx = w / 2;
    return `${bg}
      <ellipse cx="${cx}" cy="${h * 0.98}" rx="${w * 0.34}" ry="${h * 0.3}" fill="hsl(${(hue + 200) % 360},45%,28%)"/>
      <rect x="${cx - w * 0.06}" y="${h * 0.52}" width="${w * 0.12}" height="${h * 0.14}" fill="hsl(28,45%,62%)"/>
      <circle cx="${cx}" cy="${h * 0.4}" r="${w * 0.17}" fill="hsl(28,50%,70%)"/>
      <path d="M${cx - w * 0.18} ${h * 0.38} Q${cx} ${h * 0.12} ${cx + w * 0.18} ${h * 0.38} L${cx + w * 0.16} ${h * 0.3} Q${cx} ${h * 0.2} ${cx - w * 0.16} ${h * 0.3} Z" fill="hsl(${(hue + 10) % 360},40%,18%)"/>
      <circle cx="${cx - w * 0.06}" cy="${h * 0.41}" r="${w * 0.018}" fill="#1b1b22"/>
      <circle cx="${cx + w * 0.06}" cy="${h * 0.41}" r="${w * 0.018}" fill="#1b1b22"/>`;
  }
  if (kind === "place") {
    return `${bg}
      <circle cx="${w * 0.72}" cy="${h * 0.3}" r="${w * 0.09}" fill="hsl(45,95%,75%)" opacity="0.95"/>
      <path d="M0 ${h * 0.72} L${w * 0.22} ${h * 0.42} L${w * 0.42} ${h * 0.66} L${w * 0.62} ${h * 0.38} L${w} ${h * 0.7} L${w} ${h} L0 ${h} Z" fill="hsl(${(hue + 180) % 360},30%,22%)"/>
      <path d="M0 ${h * 0.85} Q${w * 0.5} ${h * 0.74} ${w} ${h * 0.86} L${w} ${h} L0 ${h} Z" fill="hsl(${(hue + 160) % 360},35%,14%)"/>`;
  }
  const stripes = Array.from({ length: 7 }, (_, i) => {
    const y = (h / 7) * i;
    return `<rect x="0" y="${y}" width="${w}" height="${h / 14}" fill="hsl(${(hue + i * 18) % 360},70%,60%)" opacity="0.35"/>`;
  }).join("");
  return `${bg}${stripes}<circle cx="${w * 0.5}" cy="${h * 0.5}" r="${w * 0.28}" fill="none" stroke="white" stroke-width="${w * 0.02}" opacity="0.7"/>`;
}

export async function referenceImage(
  kind: ReferenceKind,
  { seed = 1, width = 768, height = 768, format = "png" as "png" | "jpeg" | "webp" } = {},
): Promise<Buffer> {
  // The hue repeats every 360 seeds; a small corner mark coloured by the seed's turn keeps every seed's
  // bytes its own (uploads are stored by content, and a clip belongs to every character holding its image).
  const turn = Math.floor(seed / 360);
  const mark = `<rect x="0" y="0" width="${Math.max(2, Math.round(width / 96))}" height="${Math.max(2, Math.round(height / 96))}" fill="hsl(${(turn * 37) % 360},60%,${turn === 0 ? 0 : 50}%)"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svgFor(kind, seed, width, height)}${mark}</svg>`;
  return sharp(Buffer.from(svg))[format]().toBuffer();
}

/** A file for `setInputFiles`. */
export async function referenceFile(kind: ReferenceKind, name: string, seed = 1) {
  return { name, mimeType: "image/png", buffer: await referenceImage(kind, { seed }) };
}

/** A PNG of gaussian noise: noise does not compress, so its size follows its dimensions. */
export function gaussianNoisePng(
  width: number,
  height: number,
  options: { sigma: number; compressionLevel: number },
): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: options.sigma },
    },
  })
    .png({ compressionLevel: options.compressionLevel })
    .toBuffer();
}
