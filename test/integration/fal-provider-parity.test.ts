// The studio never sends a request a version would refuse, over every combination, not only the
// examples: for each fal version, every count of images and videos, every duration, tier and aspect
// ratio the request schema lets through and the version's profile accepts (profileIssues, what the
// service and the composer run), spelled as the provider spells it (falRequestBody), passes the fake's
// copy of fal's schema (test/fakes/fal-schemas.ts, numbers taken from the provider pages, not from the
// profiles). Reference videos are included, ahead of the studio taking them.
import { describe, expect, it } from "vitest";
import { ASPECT_RATIOS } from "@/lib/generations/limits";
import { createGenerationSchema } from "@/lib/generations/schema";
import { profileIssues, profilesOf, RESOLUTIONS, type Resolution } from "@/lib/models/profiles";
import { falRequestBody } from "@/lib/providers/fal";
import { type FileLookup, validateRequest } from "@/test/fakes/fal-schemas";

const IMAGE = "https://v3.fal.media/files/uploads/image/ref.png";
const VIDEO = "https://v3.fal.media/files/uploads/video/ref.mp4";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Every image downloads and is a PNG; every video is exactly as long as the studio lets it be. */
const files = (videoSeconds: number): FileLookup => ({
  bytes: () => PNG,
  videoSeconds: async () => videoSeconds,
});

/** What the request schema (the same for every version) lets through, before the version is known. */
function schemaAccepts(images: number, duration: number, resolution: Resolution | undefined): boolean {
  return createGenerationSchema.safeParse({
    prompt: "<IMAGE_REF_0> walks.",
    referenceIds: Array.from({ length: images }, (_, i) => `asset${String(i).padStart(8, "0")}`),
    duration,
    aspectRatio: "16:9",
    idempotencyKey: "parity-key-0001",
    ...(resolution ? { resolution } : {}),
  }).success;
}

describe("what the studio accepts, fal's schema accepts", () => {
  for (const profile of profilesOf("fal")) {
    it(`${profile.label} (${profile.endpointId})`, async () => {
      const videoSeconds = profile.videos?.maxSeconds ?? 0;
      const reached = { images: 0, videos: 0, duration: 0, tiers: new Set<string>() };
      const refused: string[] = [];
      for (let images = 0; images <= 12; images++) {
        for (let videos = 0; videos <= 4; videos++) {
          for (let duration = 2; duration <= 16; duration++) {
            for (const resolution of [undefined, ...RESOLUTIONS]) {
              for (const aspectRatio of ASPECT_RATIOS) {
                if (!schemaAccepts(images, duration, resolution)) continue;
                const tier = resolution ?? profile.defaultResolution;
                const asked = { images, videos, duration, aspectRatio, resolution: tier };
                if (profileIssues(profile, asked).length > 0) continue;
                reached.images = Math.max(reached.images, images);
                reached.videos = Math.max(reached.videos, videos);
                reached.duration = Math.max(reached.duration, duration);
                reached.tiers.add(tier);
                const body = falRequestBody(
                  { profile, prompt: "<IMAGE_REF_0> walks.", aspectRatio, duration, resolution: tier },
                  Array.from({ length: images }, () => IMAGE),
                  Array.from({ length: videos }, () => VIDEO),
                );
                const detail = await validateRequest(profile.endpointId, body, files(videoSeconds));
                if (detail.length > 0) refused.push(`${JSON.stringify(asked)}: ${JSON.stringify(detail)}`);
              }
            }
          }
        }
      }
      expect(refused.slice(0, 5)).toEqual([]);
      // The grid reached the version's edges: its most images and videos, its longest clip, every tier.
      expect(reached).toEqual({
        images: profile.images.max,
        videos: profile.videos?.max ?? 0,
        duration: profile.durations.max,
        tiers: new Set(profile.resolutions),
      });
    });
  }

  it("an endpoint FAL_MODEL_ID names that the studio does not know is sent what v1's schema takes", async () => {
    const [v1] = profilesOf("fal");
    const body = falRequestBody(
      { profile: v1!, prompt: "<IMAGE_REF_4> walks.", aspectRatio: "9:16", duration: 10, resolution: "720p" },
      Array.from({ length: 5 }, () => IMAGE),
      [VIDEO],
    );
    expect(Object.keys(body).sort()).toEqual(["aspect_ratio", "duration", "image_urls", "prompt"]);
    expect(await validateRequest("acme/omni-custom/reference-to-video", body, files(3))).toEqual([]);
  });
});
