// JSON shape of a notice in a member's inbox, shared by the API and the browser. Types only.

export interface NotificationDTO {
  id: string;
  kind: string;
  generationId: string | null;
  commentId: string | null;
  actorName: string;
  excerpt: string;
  atSec: number | null;
  createdAt: string;
  read: boolean;
}
