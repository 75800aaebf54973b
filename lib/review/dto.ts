// JSON shape of a comment pinned to a moment of a clip, shared by the API and the browser. Types only.

export interface CommentDTO {
  id: string;
  generationId: string;
  atSec: number;
  body: string;
  authorName: string;
  /** Whether the asking browser wrote it (and so may edit or delete it). */
  mine: boolean;
  createdAt: string;
  updatedAt: string;
}
