// JSON shape of a sequence and its shots, shared by the API and the browser. Types only.
import type { GenerationDTO } from "@/lib/generations/dto";
import type { ShotContent } from "./schema";

export interface ShotDTO {
  id: string;
  sequenceId: string;
  /** 0-based; the shots of a sequence run 0..n-1. A removed shot keeps the place it had. */
  position: number;
  title: string;
  content: ShotContent;
  cameraNote: string;
  dialogue: string;
  chosenGenerationId: string | null;
  /** Its chosen take, when it has one still visible. */
  chosen: GenerationDTO | null;
  /** Its takes (clips made for it, not deleted). */
  takeCount: number;
  /** Set when removed (undo with POST /api/shots/:id/restore). */
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SequenceDTO {
  id: string;
  projectId: string;
  title: string;
  aspectRatio: "16:9" | "9:16";
  /** In order, removed ones left out. */
  shots: ShotDTO[];
  createdAt: string;
  updatedAt: string;
}

/** A shot with no chosen take that still holds images its character no longer has. */
export interface StaleShot {
  shotId: string;
  sequenceId: string;
  sequenceTitle: string;
  /** `Shot 2 "Harbour"`. */
  label: string;
  /** How many of its references are images the character no longer has. */
  stale: number;
}
