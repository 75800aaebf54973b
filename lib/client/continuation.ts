// "Continue from here": the next shot's draft from a finished clip and one of its frames. Pure, so the
// rules are tested without a browser.

import { dropTags } from "@/lib/client/draft";
import type { AssetDTO, GenerationDTO } from "@/lib/generations/dto";
import { remapImageTags, remapVideoTags } from "@/lib/generations/tags";
import { profileOfClip } from "@/lib/models/profiles";
import { formatClipTime } from "@/lib/review/limits";
import type { DraftContent } from "./draft";
import { contentFromGeneration, readyReference } from "./draft-storage";

/** "Last frame" or "Frame 0:03.2": the frame's name in the tray and on the prompt's chip. */
export function frameName(frame: AssetDTO, clip: Pick<GenerationDTO, "duration">): string {
  const at = frame.frameOf?.atSec;
  if (at === undefined || at >= clip.duration - 0.1) return "Last frame";
  return `Frame ${formatClipTime(at)}`;
}

/**
 * The clip's inputs (version, tier, duration, aspect ratio, videos, seedless) with its frame first among
 * the images, then the clip's own references (its characters, places and looks) as far as the version
 * takes them; their tags move up by one (tags of references that no longer fit are dropped, and named in
 * `left`). The prompt opens with the hint to continue from the frame, before the clip's own prompt.
 */
export function continuationContent(
  clip: GenerationDTO,
  frame: AssetDTO,
  key: (i: number) => string,
  /** The clip's last seconds as a reference video, for a version that takes videos: first among them. */
  tail?: AssetDTO,
): { content: DraftContent; left: string[]; name: string } {
  const base = contentFromGeneration(clip, (i) => key(i + 1));
  const profile = profileOfClip(clip);
  const max = profile.images.max;
  const kept = base.references.slice(0, Math.max(0, max - 1));
  const withTail = tail && profile.videos ? tail : undefined;
  const keptVideos = withTail
    ? base.videos.slice(0, Math.max(0, (profile.videos?.max ?? 0) - 1))
    : base.videos;
  const left = [
    ...base.references.slice(kept.length).map((r) => r.name),
    ...base.videos.slice(keptVideos.length).map((r) => r.name),
  ];
  const name = frameName(frame, clip);
  let own = remapImageTags(
    dropTags(base.prompt, (i) => i >= kept.length),
    (i) => i + 1,
  );
  if (withTail) {
    own = remapVideoTags(
      dropTags(own, (i) => i >= keptVideos.length, "video"),
      (i) => i + 1,
    );
  }
  own = own.trim();
  const which = name === "Last frame" ? "last frame" : "frame";
  const hint = withTail
    ? `Continue the action from <IMAGE_REF_0>, the ${which} of the previous shot, carrying on the motion and sound of <VIDEO_REF_0>, its last seconds, in one continuous move.`
    : `Continue the action from <IMAGE_REF_0>, the ${which} of the previous shot, in one continuous move.`;
  return {
    content: {
      ...base,
      references: [readyReference(frame, name, key(0)), ...kept],
      videos: withTail ? [readyReference(withTail, "Last seconds", key(-1)), ...keptVideos] : base.videos,
      prompt: own ? `${hint} ${own}` : hint,
      // A continuation is a new moment: a fixed seed would only repeat the old one's noise.
      seedText: "",
    },
    left,
    name,
  };
}
