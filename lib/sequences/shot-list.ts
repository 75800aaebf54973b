import "server-only";
import { type CsvCell, toCsv } from "@/lib/http/csv";
import type { SequenceDTO } from "./dto";

/** One row of a sequence's shot list, as its CSV and JSON give it. */
export interface ShotListRow {
  shot: number;
  title: string;
  prompt: string;
  cameraNote: string;
  dialogue: string;
  /** Seconds asked for in the shot's content, or null when not set yet. */
  durationSec: number | null;
  references: string[];
  takes: number;
  chosenTakeId: string | null;
  /** The chosen take's length, when it is a finished clip. */
  chosenSec: number | null;
}

export function shotList(sequence: SequenceDTO): ShotListRow[] {
  return sequence.shots.map((s) => {
    const ids = s.content.referenceIds ?? [];
    const names = s.content.referenceNames ?? [];
    const take = s.chosen;
    return {
      shot: s.position + 1,
      title: s.title,
      prompt: s.content.prompt ?? "",
      cameraNote: s.cameraNote,
      dialogue: s.dialogue,
      durationSec: s.content.duration ?? null,
      references: ids.map((id, i) => names[i] || id),
      takes: s.takeCount,
      chosenTakeId: s.chosenGenerationId,
      chosenSec: take?.status === "completed" ? (take.videoDurationSec ?? take.duration) : null,
    };
  });
}

export function shotListJson(sequence: SequenceDTO): string {
  const { id, title, aspectRatio } = sequence;
  return `${JSON.stringify({ sequence: { id, title, aspectRatio }, shots: shotList(sequence) }, null, 2)}\n`;
}

export function shotListCsv(sequence: SequenceDTO): string {
  const header = [
    "shot",
    "title",
    "prompt",
    "camera_note",
    "dialogue",
    "duration_sec",
    "references",
    "takes",
    "chosen_take_id",
    "chosen_sec",
  ];
  const rows = shotList(sequence).map((r): CsvCell[] => [
    r.shot,
    r.title,
    r.prompt,
    r.cameraNote,
    r.dialogue,
    r.durationSec,
    r.references.join("; "),
    r.takes,
    r.chosenTakeId,
    r.chosenSec === null ? null : Number(r.chosenSec.toFixed(3)),
  ]);
  return toCsv(header, rows);
}
