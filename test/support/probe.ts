// ffprobe for the integration tests (server-only modules: not for the e2e specs, which import
// test/support/videos.ts).
import { runTool } from "@/lib/media/ffmpeg";
import { tool } from "@/lib/media/tools";

/** ffprobe's JSON of a file: its streams (frames counted), format tags and chapters. */
export async function ffprobe(file: string) {
  const raw = await runTool(tool("ffprobe").path, [
    ...["-v", "error", "-print_format", "json", "-count_frames"],
    ...["-show_format", "-show_streams", "-show_chapters", file],
  ]);
  return JSON.parse(raw.toString("utf8")) as {
    streams: {
      codec_type: string;
      width?: number;
      height?: number;
      r_frame_rate: string;
      nb_read_frames?: string;
      duration: string;
      sample_rate?: string;
      channels?: number;
    }[];
    format: { duration: string; tags: Record<string, string> };
    chapters: { start_time: string; end_time: string; tags: { title: string } }[];
  };
}
