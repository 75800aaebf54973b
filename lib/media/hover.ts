import "server-only";
import { rm } from "node:fs/promises";
import { runFfmpeg } from "./ffmpeg";
import type { MediaStore, StoredFile } from "./storage";

// Hover-play renditions: gallery cards play a clip muted while it is hovered, in a box 300 to 500 CSS px
// wide. A clip stored at 720p or less is played as it is (8 s of the preview engine's 720p is about 1 MB;
// it is what cards have always played). Above that the stored file is 2.25 (1080p) to 9 (4K) times the
// pixels and up to tens of MB: each hovered card would download it and decode it in full. Those clips get
// a small copy, made by ffmpeg after the save and stored by content like every other file.

/** Clips whose shorter side is at most this are hover-played as stored. */
export const HOVER_PLAYS_AS_STORED = 720;
/** The rendition's shorter side: 854x480 for 16:9, 480x854 for 9:16 (a card at 2x is about 900 px). */
export const HOVER_SHORT_SIDE = 480;

/** Whether a stored video of this frame size gets a hover rendition. */
export function needsHoverRendition(frame: { width: number; height: number }): boolean {
  return Math.min(frame.width, frame.height) > HOVER_PLAYS_AS_STORED;
}

// Cards play it muted, so there is no audio to carry. veryfast CRF 28 H.264 main: a 15 s 4K preview's
// rendition is about 170 KB and takes ~4 CPU s on this machine (decoding the 4K file is half of it).
// Bilinear is plenty when shrinking 2.25 to 4.5 times; a keyframe every 2 s keeps a loop's restart cheap.
const RENDITION_ARGS = [
  ..."-map 0:v:0 -an -sn -dn".split(" "),
  ...[
    "-vf",
    `scale='if(gte(iw,ih),-2,${HOVER_SHORT_SIDE})':'if(gte(iw,ih),${HOVER_SHORT_SIDE},-2)':flags=bilinear,format=yuv420p`,
  ],
  ..."-c:v libx264 -preset veryfast -crf 28 -profile:v main -g 50".split(" "),
  ..."-map_metadata -1 -movflags +faststart -f mp4 -y".split(" "),
];

/**
 * Makes the hover rendition of the stored video `videoKey` and stores it (content-addressed, so making it
 * twice stores it once). Throws a ToolRunError when ffmpeg cannot run or refuses the file.
 */
export async function makeHoverRendition(
  store: MediaStore,
  videoKey: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<StoredFile> {
  const out = await store.tempPath(".mp4");
  try {
    await store.withLocalFile(videoKey, (input) =>
      runFfmpeg(["-i", input, ...RENDITION_ARGS, out], { signal }),
    );
    return await store.putFile(out, "mp4");
  } finally {
    await rm(out, { force: true });
  }
}
