// What each endpoint of the model takes, checked the way fal's pydantic schemas check it, with fal's 422
// shape (`{ detail: [{ loc: ["body", field, ...], msg, type }] }`).
//
// The numbers are the fake's own copy of ../shared/reference/provider-api.md ("fal's newer versions"),
// deliberately not read from lib/models/profiles.ts: a wrong limit in a profile must show up here as a
// refusal, not agree with itself. Where fal's pages leave a limit open, the fake takes the strictest
// reading its sources give (v1.1: 7 images, the lower of the third parties' 7 or 10; reference videos of
// at most 3 s), so a request this fake accepts is one fal accepts too. Fields an endpoint does not have
// are refused (`extra_forbidden`): stricter than pydantic's default of dropping them, because a field a
// version ignores is a bug all the same (a `resolution` sent to v1 renders 720p while the clip says
// 1080p and is priced at 1080p).
import { detailItem, type FalDetailItem } from "@/test/fakes/fal-fake-shapes";

export interface EndpointSchema {
  endpoint: string;
  /** `image_urls`: whether it must be present, and how many it may hold. */
  images: { required: boolean; min: number; max: number };
  /** `reference_video_urls`, or null where the endpoint has no such field. */
  videos: { max: number } | null;
  /** Whole seconds. */
  duration: { min: number; max: number };
  /** `resolution`'s values, or null where the endpoint has no such field. */
  resolutions: readonly string[] | null;
  aspectRatios: readonly string[];
}

const RATIOS = ["16:9", "9:16"] as const;
const TIERS = ["360p", "720p", "1080p", "4k"] as const;

export const V1_ENDPOINT = "google/gemini-omni-flash/reference-to-video";
export const V1_1_ENDPOINT = "google/gemini-omni-flash/v1.1/reference-to-video";
export const V1_2_ENDPOINT = "google/gemini-omni-flash/v1.2/reference-to-video";

export const ENDPOINT_SCHEMAS: readonly EndpointSchema[] = [
  {
    endpoint: V1_ENDPOINT,
    images: { required: true, min: 1, max: 5 },
    videos: null,
    duration: { min: 3, max: 10 },
    resolutions: null,
    aspectRatios: RATIOS,
  },
  {
    endpoint: V1_1_ENDPOINT,
    images: { required: false, min: 0, max: 7 },
    videos: { max: 3 },
    duration: { min: 3, max: 10 },
    resolutions: TIERS,
    aspectRatios: RATIOS,
  },
  {
    endpoint: V1_2_ENDPOINT,
    images: { required: false, min: 0, max: 10 },
    videos: { max: 3 },
    duration: { min: 3, max: 15 },
    resolutions: TIERS,
    aspectRatios: RATIOS,
  },
];

/**
 * The schema an endpoint is checked against. An endpoint the fake does not know (a custom FAL_MODEL_ID)
 * is checked as the first version, which is what every endpoint was checked as before versions existed.
 */
export function schemaFor(endpoint: string): EndpointSchema {
  return ENDPOINT_SCHEMAS.find((s) => s.endpoint === endpoint) ?? { ...ENDPOINT_SCHEMAS[0]!, endpoint };
}

/** How the fake reads the files a request points at: only its own storage is reachable. */
export interface FileLookup {
  /** The bytes behind a URL, or undefined when it cannot be downloaded. */
  bytes(url: string): Uint8Array | undefined;
  /** A video's length in seconds (ffprobe), or undefined when the bytes are not a video. */
  videoSeconds(url: string): Promise<number | undefined>;
}

export interface ValidateOptions {
  /** Longest reference video, in seconds (default 3: the third parties' figure). */
  videoMaxSeconds?: number;
}

/** How far over the limit a probed length may read: container rounding (an AAC frame is ~23 ms). */
const PROBE_TOLERANCE_SECONDS = 0.05;

const IMAGE_MAGIC: number[][] = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x52, 0x49, 0x46, 0x46],
  [0x47, 0x49, 0x46, 0x38],
];
const isImage = (b: Uint8Array) => IMAGE_MAGIC.some((magic) => magic.every((byte, i) => b[i] === byte));

/**
 * Validates one submit's body against its endpoint's schema, fetching every image and video URL from the
 * fake's own storage (and probing each video's length). Returns fal's detail items; empty when valid.
 */
export async function validateRequest(
  endpoint: string,
  input: unknown,
  files: FileLookup,
  options: ValidateOptions = {},
): Promise<FalDetailItem[]> {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    return [{ loc: ["body"], msg: "Input should be a valid dictionary", type: "dict_type", input }];
  }
  const schema = schemaFor(endpoint);
  const body = input as Record<string, unknown>;
  const errors: FalDetailItem[] = [];
  const pyd = (loc: (string | number)[], type: string, msg: string, ctx?: Record<string, unknown>) => {
    const value = loc.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], body);
    const url = `https://errors.pydantic.dev/2.10/v/${type}`;
    errors.push({ type, loc: ["body", ...loc], msg, input: value, url, ...(ctx ? { ctx } : {}) });
  };

  const known = new Set(["prompt", "image_urls", "aspect_ratio", "duration"]);
  if (schema.videos) known.add("reference_video_urls");
  if (schema.resolutions) known.add("resolution");
  for (const field of Object.keys(body)) {
    if (!known.has(field)) pyd([field], "extra_forbidden", "Extra inputs are not permitted");
  }

  if (!("prompt" in body)) pyd(["prompt"], "missing", "Field required");
  else if (typeof body.prompt !== "string") pyd(["prompt"], "string_type", "Input should be a valid string");

  const images = listField(body, "image_urls", schema.images, pyd);
  for (const [i, url] of images.entries()) {
    const bytes = files.bytes(url);
    const loc = ["body", "image_urls", i];
    if (!bytes)
      errors.push(detailItem("file_download_error", loc, `Failed to download the file from ${url}`));
    else if (!isImage(bytes)) errors.push(detailItem("image_load_error", loc, "Failed to load the image"));
  }
  if (schema.videos) {
    const videos = listField(
      body,
      "reference_video_urls",
      { required: false, min: 0, ...schema.videos },
      pyd,
    );
    const maxSeconds = options.videoMaxSeconds ?? 3;
    for (const [i, url] of videos.entries()) {
      const loc = ["body", "reference_video_urls", i];
      if (!files.bytes(url)) {
        errors.push(detailItem("file_download_error", loc, `Failed to download the file from ${url}`));
        continue;
      }
      const seconds = await files.videoSeconds(url);
      if (seconds === undefined) {
        errors.push(detailItem("unsupported_video_format", loc, "The file could not be read as a video"));
      } else if (seconds > maxSeconds + PROBE_TOLERANCE_SECONDS) {
        errors.push(
          detailItem(
            "video_duration_too_long",
            loc,
            `Video duration ${seconds.toFixed(2)}s exceeds the maximum of ${maxSeconds}s`,
            { max_duration: maxSeconds, provided_duration: seconds },
          ),
        );
      }
    }
  }

  if ("aspect_ratio" in body && !schema.aspectRatios.includes(body.aspect_ratio as string)) {
    const expected = quoted(schema.aspectRatios);
    pyd(["aspect_ratio"], "literal_error", `Input should be ${expected}`, { expected });
  }
  if (schema.resolutions && "resolution" in body && !schema.resolutions.includes(body.resolution as string)) {
    const expected = quoted(schema.resolutions);
    pyd(["resolution"], "literal_error", `Input should be ${expected}`, { expected });
  }
  if ("duration" in body) {
    const d = body.duration;
    const { min, max } = schema.duration;
    if (typeof d !== "number" || !Number.isInteger(d)) {
      pyd(["duration"], "int_type", "Input should be a valid integer");
    } else if (d < min) {
      pyd(["duration"], "greater_than_equal", `Input should be greater than or equal to ${min}`, { ge: min });
    } else if (d > max) {
      pyd(["duration"], "less_than_equal", `Input should be less than or equal to ${max}`, { le: max });
    }
  }
  return errors;
}

type Pyd = (loc: (string | number)[], type: string, msg: string, ctx?: Record<string, unknown>) => void;

/** A list of URLs checked for presence, type and length; returns the string items to fetch (none if invalid). */
function listField(
  body: Record<string, unknown>,
  field: string,
  limits: { required: boolean; min: number; max: number },
  pyd: Pyd,
): string[] {
  const list = body[field];
  if (list === undefined) {
    if (limits.required) pyd([field], "missing", "Field required");
    return [];
  }
  if (!Array.isArray(list)) {
    pyd([field], "list_type", "Input should be a valid list");
    return [];
  }
  if (list.length < limits.min || list.length > limits.max) {
    const short = list.length < limits.min;
    const bound = short ? limits.min : limits.max;
    pyd(
      [field],
      short ? "too_short" : "too_long",
      `List should have ${short ? "at least" : "at most"} ${bound} item${bound === 1 ? "" : "s"} after validation, not ${list.length}`,
      {
        field_type: "List",
        ...(short ? { min_length: bound } : { max_length: bound }),
        actual_length: list.length,
      },
    );
    return [];
  }
  for (const [i, url] of list.entries()) {
    if (typeof url !== "string") pyd([field, i], "string_type", "Input should be a valid string");
  }
  return list.every((url) => typeof url === "string") ? (list as string[]) : [];
}

/** pydantic's way of listing literals: `'a', 'b' or 'c'`. */
function quoted(values: readonly string[]): string {
  const q = values.map((v) => `'${v}'`);
  return q.length > 1 ? `${q.slice(0, -1).join(", ")} or ${q.at(-1)}` : (q[0] ?? "");
}
