// The face model, loaded once per process: @vladmandic/face-api on TensorFlow.js's WebAssembly backend,
// with the weights that ship inside the npm package (nothing is downloaded at run time). Runs in the
// scoring process (face-child.ts), never in the web server's own process.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** A decoded picture: RGB bytes, row by row. */
export interface RgbFrame {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface DetectedFace {
  /** In pixels of the frame it was found in. */
  box: { x: number; y: number; width: number; height: number };
  /** Detector confidence, 0 to 1. */
  confidence: number;
  descriptor: Float32Array;
}

type FaceApi = typeof import("@vladmandic/face-api/dist/face-api.node-wasm.js");
type Tf = typeof import("@tensorflow/tfjs");

interface Engine {
  tf: Tf;
  faceapi: FaceApi;
}

let engine: Promise<Engine> | undefined;

/** Faces smaller than this share of the frame's shorter side are crowd, not a character. */
export const MIN_FACE_SHARE = 0.06;
/** The detector's confidence floor. */
export const MIN_CONFIDENCE = 0.5;

async function load(): Promise<Engine> {
  // The node-wasm build requires "@tensorflow/tfjs" (core, converter, the CPU and WebGL backends' JS) for
  // the chained tensor methods it calls; only the WASM backend is ever set, and no native library loads.
  const tf: Tf = require("@tensorflow/tfjs");
  const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
  const faceapi: FaceApi = require("@vladmandic/face-api/dist/face-api.node-wasm.js");
  // The .wasm files ship in the backend's package; read from disk, not fetched (usePlatformFetch false).
  const wasmDir = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
  wasm.setWasmPaths(`${wasmDir}${path.sep}`, false);
  await tf.setBackend("wasm");
  await tf.ready();
  const modelDir = path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "model");
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  await warmUp(tf, faceapi, path.join(path.dirname(modelDir), "demo", "sample1.jpg"));
  return { tf, faceapi };
}

/**
 * One detection on the package's own sample photo: the first run sets up every kernel and grows the WASM
 * heap to the size detection needs (it never shrinks), so loading costs what it costs once and scoring a
 * clip after it adds little (docs/identity.md, Memory).
 */
async function warmUp(tf: Tf, faceapi: FaceApi, file: string) {
  const { default: sharp } = await import("sharp");
  const { data, info } = await sharp(file)
    .resize({ width: 960, height: 960, fit: "inside" })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const input = tf.tensor3d(new Uint8Array(data), [info.height, info.width, 3], "int32");
  try {
    await faceapi
      .detectAllFaces(input as never, new faceapi.SsdMobilenetv1Options({ minConfidence: MIN_CONFIDENCE }))
      .withFaceLandmarks()
      .withFaceDescriptors();
  } finally {
    input.dispose();
  }
}

/** Loads the models (once per process; later calls share the first). */
export function loadFaceModels(): Promise<Engine> {
  engine ??= load().catch((err) => {
    engine = undefined;
    throw err;
  });
  return engine;
}

/** Every face in a frame with its descriptor, largest first; tiny background faces are left out. */
export async function detectFaces(frame: RgbFrame): Promise<DetectedFace[]> {
  const { tf, faceapi } = await loadFaceModels();
  const input = tf.tensor3d(frame.data, [frame.height, frame.width, 3], "int32");
  try {
    const found = await faceapi
      .detectAllFaces(input as never, new faceapi.SsdMobilenetv1Options({ minConfidence: MIN_CONFIDENCE }))
      .withFaceLandmarks()
      .withFaceDescriptors();
    const minSide = Math.min(frame.width, frame.height) * MIN_FACE_SHARE;
    return found
      .map((f) => ({
        box: {
          x: f.detection.box.x,
          y: f.detection.box.y,
          width: f.detection.box.width,
          height: f.detection.box.height,
        },
        confidence: f.detection.score,
        descriptor: f.descriptor,
      }))
      .filter((f) => f.box.width >= minSide)
      .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  } finally {
    input.dispose();
  }
}
