// JSON shape of a saved character, shared by the API and the browser. Types only.
import type { AssetDTO } from "@/lib/generations/dto";

export interface CharacterDTO {
  id: string;
  name: string;
  description: string;
  images: (AssetDTO & { position: number; label: string })[];
  /** Clips that used at least one of its images through the character. */
  clipCount: number;
  /** Their stored cost (completed at cost, failed and canceled free). */
  spendUsd: number;
  createdAt: string;
  updatedAt: string;
}
