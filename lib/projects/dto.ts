// JSON shape of a project, shared by the API and the browser. Types only.

export interface ProjectDTO {
  id: string;
  name: string;
  /** When it was archived (hidden from the list), or null. */
  archivedAt: string | null;
  /** Its clips (not deleted) and sequences. */
  clipCount: number;
  sequenceCount: number;
  createdAt: string;
  updatedAt: string;
}
