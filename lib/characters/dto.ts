// JSON shape of a saved character, shared by the API and the browser. Types only.
import type { AssetDTO } from "@/lib/generations/dto";

export interface CharacterDTO {
  id: string;
  name: string;
  description: string;
  images: (AssetDTO & { position: number; label: string })[];
  /** The asset id of its main image (one of `images`): shown first, inserted by "main only". */
  mainImageId: string;
  /** How the character sounds ("" for none): added to a prompt as audio direction when asked. */
  voiceNote: string;
  /**
   * One short video of how the character moves (a reference video: `kind` "video", `video` set), or
   * null. Inserting the character into a draft brings it as a reference video.
   */
  video: (AssetDTO & { label: string }) | null;
  /**
   * Its clips: every clip that used one of its images or its video, made before or after it was saved
   * (lib/characters/lineage.ts).
   */
  clipCount: number;
  /** Their stored cost (completed at cost, failed and canceled free). */
  spendUsd: number;
  /** Its face identity score per scored clip, oldest first (the newest 40): the library's trend. */
  trend: { generationId: string; at: string; score: number }[];
  createdAt: string;
  updatedAt: string;
}
