import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { GuestGate } from "@/components/share/guest/guest-gate";
import { GuestMessage } from "@/components/share/guest/guest-message";
import { GuestShell } from "@/components/share/guest/guest-shell";
import { AppError } from "@/lib/http/errors";
import { type GuestResolution, type ReadyGuest, resolveGuest } from "@/lib/share/guest";

// The frame every page under /r/<token> renders through: the link resolved for this request (a public
// path, lib/auth/paths.ts, checked here by resolveGuest), its gate (password, name) until the guest is
// through, a plain message for a link that stopped working, and a 404 for one that never existed.

function what(link: GuestResolution["link"]): string {
  if (link.title) return `“${link.title}”`;
  switch (link.kind) {
    case "generation":
      return "a clip";
    case "take_group":
      return "a set of takes";
    case "project":
      return "a project";
    case "sequence":
      return "a sequence";
    default:
      return "a set of clips";
  }
}

export async function GuestPage({
  token,
  path,
  children,
}: {
  token: string;
  /** The page's own path (for the request resolveGuest reads). */
  path: string;
  children: (guest: ReadyGuest) => Promise<ReactNode>;
}) {
  // resolveGuest reads a request: this page's, rebuilt from its headers (the cookie, the client's address).
  const request = new Request(`http://share.invalid${path}`, { headers: new Headers(await headers()) });
  let guest: GuestResolution;
  try {
    guest = await resolveGuest(request, token);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.status === 404) notFound();
    return (
      <GuestShell>
        <GuestMessage
          title={
            err.code === "link_expired"
              ? "This review link has expired"
              : err.code === "link_revoked"
                ? "This review link was turned off"
                : "Slow down a moment"
          }
          testId={`guest-${err.code}`}
        >
          <p>{err.message}</p>
        </GuestMessage>
      </GuestShell>
    );
  }
  if (guest.state !== "ready") {
    return (
      <GuestShell>
        <GuestGate
          key={guest.state}
          token={token}
          step={guest.state}
          sharedBy={guest.link.createdBy.name}
          what={what(guest.link)}
        />
      </GuestShell>
    );
  }
  return <GuestShell guestName={guest.actor.name}>{await children(guest)}</GuestShell>;
}
