// JSON shape of a saved character, shared by the API and the browser. Types only.
import type { AssetDTO } from "@/lib/generations/dto";

export interface CharacterDTO {
  id: string;
  name: string;
  description: string;
  images: (AssetDTO & { position: number; label: string })[];
  /**
   * One short video of how the character moves (a reference video: `kind` "video", `video` set), or
   * null. Inserting the character into a draft brings it as a reference video.
   */
  video: (AssetDTO & { label: string }) | null;
  /** Clips that used at least one of its images through the character. */
  clipCount: number;
  /** Their stored cost (completed at cost, failed and canceled free). */
  spendUsd: number;
  createdAt: string;
  updatedAt: string;
}
