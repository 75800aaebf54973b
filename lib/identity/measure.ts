// Measures one clip against its reference faces. Runs in the scoring process (face-child.ts).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type DetectedFace, detectFaces, type RgbFrame } from "./face-engine";
import { frameAt, framesEvery, imageFrame } from "./frames";
import { baseTimes, refineTimes, type SampledFace } from "./sampling";
import { type FaceResult, type FaceSample, faceDistance, round3, summarize } from "./score";

const run = promisify(execFile);

export interface MeasureRequest {
  tools: { ffmpeg: string; ffprobe: string };
  video: string;
  /** Each reference image; `descriptor` when already known (null: known to hold no face). */
  references: { key: string; file: string; descriptor?: number[] | null }[];
  /** Samples per second before refining (at least 1). */
  perSecond?: number;
}

export interface MeasureResult {
  /** Each reference's face descriptor (null: no face in it), to be kept so it is not measured again. */
  references: { key: string; descriptor: number[] | null }[];
  /** Per reference image that holds a face. */
  faces: Record<string, FaceResult>;
  samples: number;
  durationSec: number;
  /** How long the measuring took, in ms. */
  ms: number;
}

/** The largest face of a reference image; null when it holds none. */
export async function referenceDescriptor(file: string): Promise<number[] | null> {
  const faces = await detectFaces(await imageFrame(file));
  return faces[0] ? Array.from(faces[0].descriptor, round5) : null;
}

async function probe(ffprobe: string, file: string) {
  const { stdout } = await run(ffprobe, [
    "-v",
    "error",
    "-select_streams",
    "v:0",
    "-show_entries",
    "stream=width,height:format=duration",
    "-of",
    "json",
    file,
  ]);
  const info = JSON.parse(stdout) as {
    streams?: { width?: number; height?: number }[];
    format?: { duration?: string };
  };
  const s = info.streams?.[0];
  const durationSec = Number(info.format?.duration);
  if (!s?.width || !s.height || !(durationSec > 0)) throw new Error(`no video stream in ${file}`);
  return { width: s.width, height: s.height, durationSec };
}

/** Each reference face's nearest face in one frame, with where that face is. */
function nearest(frame: RgbFrame, faces: DetectedFace[], ref: number[]) {
  let best: { d: number; face: DetectedFace } | null = null;
  for (const face of faces) {
    const d = faceDistance(face.descriptor, ref);
    if (!best || d < best.d) best = { d, face };
  }
  if (!best) return { d: null, box: null };
  const b = best.face.box;
  return {
    d: round3(best.d),
    box: {
      cx: (b.x + b.width / 2) / frame.width,
      cy: (b.y + b.height / 2) / frame.height,
      w: b.width / frame.width,
    },
  };
}

export async function measureClip(req: MeasureRequest): Promise<MeasureResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const references: MeasureResult["references"] = [];
  for (const r of req.references) {
    references.push({
      key: r.key,
      descriptor: r.descriptor !== undefined ? r.descriptor : await referenceDescriptor(r.file),
    });
  }
  const withFace = references.filter(
    (r): r is { key: string; descriptor: number[] } => r.descriptor !== null,
  );
  const size = await probe(req.tools.ffprobe, req.video);
  if (withFace.length === 0)
    return { references, faces: {}, samples: 0, durationSec: size.durationSec, ms: ms() };

  const perRef = new Map<string, SampledFace[]>(withFace.map((r) => [r.key, []]));
  const look = async (t: number, frame: RgbFrame | null) => {
    if (!frame) return;
    const faces = await detectFaces(frame);
    for (const r of withFace) perRef.get(r.key)?.push({ t, ...nearest(frame, faces, r.descriptor) });
  };
  const perSecond = Math.max(1, req.perSecond ?? 1);
  const first = baseTimes(size.durationSec, perSecond);
  const frames = await framesEvery(
    req.tools.ffmpeg,
    req.video,
    size,
    first[0] ?? 0,
    1 / perSecond,
    first.length,
  );
  for (const [i, frame] of frames.entries()) await look(first[i] ?? 0, frame);
  // More samples where faces move: up to one extra per second, where any reference face jumped most.
  const extra = new Set<number>();
  for (const samples of perRef.values()) for (const t of refineTimes(samples, first.length)) extra.add(t);
  for (const t of [...extra].sort((a, b) => a - b).slice(0, first.length)) {
    await look(t, await frameAt(req.tools.ffmpeg, req.video, t, size));
  }

  const faces: Record<string, FaceResult> = {};
  for (const [key, samples] of perRef) {
    const sorted: FaceSample[] = samples.map(({ t, d }) => ({ t, d })).sort((a, b) => a.t - b.t);
    faces[key] = summarize(sorted);
  }
  const samples = first.length + Math.min(extra.size, first.length);
  return { references, faces, samples, durationSec: size.durationSec, ms: ms() };
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
