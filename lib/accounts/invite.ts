import "server-only";
import type { MemberActor } from "@/lib/auth/actor";
import { getConfig } from "@/lib/config/env";
import type { Db } from "@/lib/db/client";
import { queueMail } from "@/lib/mail/send";
import { invitationMail } from "@/lib/mail/templates";
import { mailEnabled } from "@/lib/mail/transport";
import { createInvitation, type InvitationDTO } from "./invitations";
import type { InvitationInput } from "./schema";

// Making an invitation for a person: the link to hand over (shown once, the table keeps only its hash),
// and, when SMTP is set and an address was given, a mail with it sent in the background.

/**
 * The studio's address as the inviter's browser sees it: PUBLIC_BASE_URL when set, else the host the
 * request was addressed to (behind a proxy, its X-Forwarded-Host and -Proto).
 */
export function studioOrigin(headers: Headers): string {
  const configured = getConfig().publicBaseUrl;
  if (configured) return new URL(configured).origin;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || "localhost";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

export function inviteUrl(origin: string, token: string): string {
  return `${origin}/invite/${token}`;
}

export interface InvitationCreated {
  /** The link's secret: shown once. */
  token: string;
  /** The link to copy: `<origin>/invite/<token>`. */
  url: string;
  invitation: InvitationDTO;
  /** The address the link is being mailed to; null when mail is off or no address was given. */
  mailedTo: string | null;
}

export async function inviteMember(
  prisma: Db,
  actor: MemberActor,
  input: InvitationInput,
  origin: string,
): Promise<InvitationCreated> {
  const { token, invitation } = await createInvitation(prisma, actor, {
    role: input.role,
    email: input.email || null,
    days: input.days,
  });
  const url = inviteUrl(origin, token);
  let mailedTo: string | null = null;
  if (invitation.email && mailEnabled()) {
    mailedTo = invitation.email;
    queueMail({
      to: invitation.email,
      ...invitationMail({
        inviterName: actor.name,
        role: invitation.role,
        acceptUrl: url,
        expiresAt: new Date(invitation.expiresAt),
      }),
    });
  }
  return { token, url, invitation, mailedTo };
}
