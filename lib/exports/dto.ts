// JSON shape of a sequence's export, shared by the API and the browser. Types only.

export type ExportStatus = "queued" | "running" | "completed" | "failed";

export interface ExportChapter {
  title: string;
  startSec: number;
  endSec: number;
}

export interface ExportDTO {
  id: string;
  sequenceId: string;
  /** The sequence's title when it was asked for. */
  title: string;
  status: ExportStatus;
  /** 0..1 of the MP4 written so far (1 once completed). */
  progress: number;
  shotCount: number;
  /** The sum of the chosen takes' lengths: what the MP4 will last (to a frame per cut). */
  expectedDurationSec: number;
  /** Once completed: where to play it, its poster, and the attachment download. */
  videoUrl: string | null;
  posterUrl: string | null;
  downloadUrl: string | null;
  bytes: number | null;
  durationSec: number | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  chapters: ExportChapter[];
  /** Why it failed, naming the shot when one is the cause. */
  error: string | null;
  createdAt: string;
  completedAt: string | null;
}
