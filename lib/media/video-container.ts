// What a file's first bytes say it is, for the upload path to choose between the image check (sharp) and
// the video check (ffprobe). Only a first look: ffprobe decides whether a video is one, sharp whether an
// image is; this never trusts a name or a declared type.

export type VideoContainer = "mp4" | "mov" | "webm";

export type Sniffed =
  /** A container the studio takes as a reference video (ffprobe still has to read it). */
  | { kind: "video"; container: VideoContainer }
  /** A video or audio container the studio does not take, named for the message. */
  | { kind: "other-video"; what: string }
  /** Anything else: left to the image check, whose messages name image formats and others. */
  | { kind: "not-video" };

/** Bytes to read from the start of a file to sniff it. */
export const SNIFF_BYTES = 256;

const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

// ISO base media brands that are still images (HEIF, AVIF): sharp names them.
const IMAGE_BRANDS = new Set([
  "heic",
  "heix",
  "hevc",
  "hevx",
  "heim",
  "heis",
  "mif1",
  "msf1",
  "avif",
  "avis",
]);
// Old QuickTime files may start with another atom than ftyp.
const QUICKTIME_ATOMS = new Set(["moov", "mdat", "wide", "free", "skip", "pnot"]);

export function sniffContainer(head: Uint8Array): Sniffed {
  if (head.length < 12) return { kind: "not-video" };
  const box = ascii(head, 4, 8);
  if (box === "ftyp") {
    const brand = ascii(head, 8, 12);
    if (IMAGE_BRANDS.has(brand)) return { kind: "not-video" };
    if (brand === "qt  ") return { kind: "video", container: "mov" };
    if (brand === "M4A " || brand === "M4B ") return { kind: "other-video", what: "an M4A audio file" };
    return { kind: "video", container: "mp4" };
  }
  if (QUICKTIME_ATOMS.has(box)) return { kind: "video", container: "mov" };
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    // EBML: the DocType says WebM or Matroska.
    const text = ascii(head, 4, 64);
    if (text.includes("webm")) return { kind: "video", container: "webm" };
    return { kind: "other-video", what: "an MKV (Matroska) video" };
  }
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "AVI ")
    return { kind: "other-video", what: "an AVI video" };
  if (ascii(head, 0, 3) === "FLV") return { kind: "other-video", what: "an FLV video" };
  if (ascii(head, 0, 4) === "OggS") return { kind: "other-video", what: "an Ogg file" };
  if (ascii(head, 0, 3) === "ID3") return { kind: "other-video", what: "an MP3 audio file" };
  if (head[0] === 0x47 && head.length > 188 && head[188] === 0x47)
    return { kind: "other-video", what: "an MPEG-TS video" };
  if (head[0] === 0 && head[1] === 0 && head[2] === 1 && head[3] === 0xba)
    return { kind: "other-video", what: "an MPEG-PS video" };
  return { kind: "not-video" };
}

export const VIDEO_MIME: Record<VideoContainer, string> = {
  mp4: "video/mp4",
  mov: "video/quicktime",
  webm: "video/webm",
};
