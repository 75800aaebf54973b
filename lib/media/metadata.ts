import "server-only";
import { runFfmpeg } from "./ffmpeg";

/**
 * Copies an MP4 to `dest` with `tags` in its metadata (stream copy: no re-encode, the source is not
 * touched). `use_metadata_tags` keeps our own keys (omni_*) so ffprobe shows them under format.tags.
 */
export async function copyWithMetadata(
  src: string,
  dest: string,
  tags: Record<string, string>,
): Promise<void> {
  const args = ["-v", "error", "-y", "-i", src, "-map", "0", "-c", "copy"];
  for (const [key, value] of Object.entries(tags)) {
    // ffmpeg reads newlines in a value fine; NUL would cut it.
    args.push("-metadata", `${key}=${value.replace(/\0/g, "")}`);
  }
  args.push("-movflags", "+faststart+use_metadata_tags", "-f", "mp4", dest);
  await runFfmpeg(args);
}
