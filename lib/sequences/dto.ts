// JSON shape of a sequence and its shots, shared by the API and the browser. Types only.
import type { GenerationDTO } from "@/lib/generations/dto";
import type { ShotContent } from "./schema";
import type { TakeTally } from "./shot-state";

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
  /** The same takes by where they are: what the card's state is read from (shot-state.ts). */
  takes: TakeTally;
  /** The newest take's poster, for a card with takes but none chosen yet. */
  latestPosterUrl: string | null;
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

/** One sequence in a project's list (GET /api/sequences?project=<id>). */
export interface SequenceSummaryDTO {
  id: string;
  projectId: string;
  title: string;
  aspectRatio: "16:9" | "9:16";
  /** Its shots, removed ones left out. */
  shotCount: number;
  /** Shots with a chosen take, and those takes' seconds added up. */
  chosenCount: number;
  durationSec: number;
  /** The poster of the first shot's chosen take that has one, in shot order. */
  posterUrl: string | null;
  createdAt: string;
  updatedAt: string;
}
