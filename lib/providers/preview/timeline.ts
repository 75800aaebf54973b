// The preview engine's timeline: how long each reference shows, how the clip is cut into pieces rendered
// side by side, and the filter that draws one piece of a reference (a Ken Burns move with its fades).

export const FPS = 25;

// Images are prepared larger than the frame when they have the pixels: zoompan crops on whole even
// pixels, and the headroom makes those steps smaller on screen, so slow zooms judder less.
const OVERSAMPLE = 1.5;

/**
 * The size a reference is prepared at for a `width` x `height` frame: its own cover crop of that shape,
 * no larger than OVERSAMPLE times the frame, and never smaller than the frame. A picture with fewer
 * pixels than the headroom is only cropped, not enlarged: zoompan scales every frame anyway, and
 * enlarging five 1600x1200 photos to 1920x1080 cost 0.6 s of CPU for nothing.
 */
export function preparedSize(
  image: { width: number; height: number },
  frame: { width: number; height: number },
): { width: number; height: number } {
  const aspect = frame.width / frame.height;
  const coverWidth = Math.min(image.width, image.height * aspect);
  const w = Math.round(Math.min(frame.width * OVERSAMPLE, Math.max(frame.width, coverWidth)));
  return { width: w, height: Math.round(w / aspect) };
}

/** Splits `total` frames into `n` near-equal shares (earlier segments take the remainder). */
export const shares = (total: number, n: number) =>
  Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));

/** Ken Burns moves: zoom in and out alternately, each drifting a different way. */
const MOVES = [
  { z: [1.04, 1.16], x: [0.3, 0.6], y: [0.5, 0.45] },
  { z: [1.16, 1.04], x: [0.7, 0.4], y: [0.4, 0.55] },
  { z: [1.04, 1.16], x: [0.5, 0.5], y: [0.3, 0.6] },
  { z: [1.16, 1.04], x: [0.4, 0.6], y: [0.65, 0.4] },
] as const;

const fadeFrames = (frames: number) => Math.max(1, Math.min(Math.round(0.3 * FPS), Math.floor(frames / 4)));

/** A run of one reference's frames: `offset` frames into its segment of `frames`, `length` long. */
export interface SegmentSlice {
  index: number;
  frames: number;
  offset: number;
  length: number;
}

/**
 * Cuts the timeline (one segment of `frames[i]` per reference) into up to `parts` pieces of near-equal
 * length, to render side by side on several cores. A cut inside a segment is moved out of its fades, so
 * each fade is drawn whole by one piece; pieces come out no shorter than `minFrames`.
 */
export function splitTimeline(frames: number[], parts: number, minFrames = FPS): SegmentSlice[][] {
  const total = frames.reduce((a, b) => a + b, 0);
  const count = Math.max(1, Math.min(parts, Math.floor(total / Math.max(1, minFrames))));
  const starts = frames.map((_, i) => frames.slice(0, i).reduce((a, b) => a + b, 0));
  const cuts: number[] = [0];
  for (let p = 1; p < count; p++) {
    let cut = Math.round((total * p) / count);
    const i = starts.findLastIndex((s) => s <= cut);
    const start = starts[i] as number;
    const fade = fadeFrames(frames[i] as number);
    if (cut > start) cut = Math.min(Math.max(cut, start + fade), start + (frames[i] as number) - fade);
    if (cut > (cuts.at(-1) as number) && cut < total) cuts.push(cut);
  }
  cuts.push(total);
  return cuts.slice(1).map((end, p) => {
    const begin = cuts[p] as number;
    const slices: SegmentSlice[] = [];
    frames.forEach((f, index) => {
      const from = Math.max(begin, starts[index] as number);
      const to = Math.min(end, (starts[index] as number) + f);
      if (to > from)
        slices.push({ index, frames: f, offset: from - (starts[index] as number), length: to - from });
    });
    return slices;
  });
}

/** The filter for one slice of a reference's segment, read from input `input`, labelled `[v<input>]`. */
export function sliceVideo(slice: SegmentSlice, input: number, width: number, height: number): string {
  const { index, frames, offset, length } = slice;
  const m = MOVES[index % MOVES.length]!;
  // Progress through the whole segment, so a slice moves exactly as that stretch of the whole would.
  const p = `((on+${offset})/${Math.max(1, frames - 1)})`;
  const lerp = ([a, b]: readonly [number, number]) => `(${a}+${(b - a).toFixed(3)}*${p})`;
  const fade = fadeFrames(frames);
  const filters = [
    // Convert once per image (full-range BT.601 JPEG to TV-range BT.709), not once per frame.
    `[${input}:v]scale=in_range=full:out_range=tv:out_color_matrix=bt709,format=yuv420p`,
    `zoompan=z='${lerp(m.z)}':x='(iw-iw/zoom)*${lerp(m.x)}':y='(ih-ih/zoom)*${lerp(m.y)}':d=${length}:s=${width}x${height}:fps=${FPS}`,
    "setsar=1",
  ];
  // splitTimeline never cuts inside a fade, so a slice has each fade whole or not at all.
  if (offset === 0) filters.push(`fade=t=in:s=0:n=${fade}`);
  if (offset + length === frames) filters.push(`fade=t=out:s=${frames - fade - offset}:n=${fade}`);
  return `${filters.join(",")}[v${input}]`;
}

/**
 * The filter for one slice of a reference video's segment, read from input `input` (opened with
 * `-stream_loop -1`, so a segment longer than the video loops it), labelled `[v<input>]`: the video
 * itself, moving, cover-fitted to the frame, with the same fades as a picture's segment.
 */
export function sliceMovingVideo(slice: SegmentSlice, input: number, width: number, height: number): string {
  const { frames, offset, length } = slice;
  const fade = fadeFrames(frames);
  const filters = [
    `[${input}:v]fps=${FPS}`,
    `scale=${width}:${height}:force_original_aspect_ratio=increase:out_range=tv:out_color_matrix=bt709`,
    `crop=${width}:${height}`,
    "format=yuv420p",
    `trim=start_frame=${offset}:end_frame=${offset + length}`,
    "setpts=PTS-STARTPTS",
    "setsar=1",
  ];
  if (offset === 0) filters.push(`fade=t=in:s=0:n=${fade}`);
  if (offset + length === frames) filters.push(`fade=t=out:s=${frames - fade - offset}:n=${fade}`);
  return `${filters.join(",")}[v${input}]`;
}
