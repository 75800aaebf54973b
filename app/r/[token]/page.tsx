import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { GuestGate } from "@/components/share/guest/guest-gate";
import { GuestMessage } from "@/components/share/guest/guest-message";
import { GuestShell } from "@/components/share/guest/guest-shell";
import { GuestView } from "@/components/share/guest/guest-view";
import { AppError } from "@/lib/http/errors";
import { type GuestResolution, resolveGuest } from "@/lib/share/guest";
import { guestView } from "@/lib/share/view";

export const dynamic = "force-dynamic";

// A share link's page, for a guest: a public path (lib/auth/paths.ts), checked here by resolveGuest. It is
// not a studio page: no header nav, no composer, nothing but what the link shares.

export const metadata: Metadata = {
  title: "Shared for review",
  // The address carries the link's secret: keep it out of search engines and other sites' logs.
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Props = { params: Promise<{ token: string }> };

function what(link: GuestResolution["link"]): string {
  if (link.title) return `“${link.title}”`;
  return link.kind === "generation"
    ? "a clip"
    : link.kind === "take_group"
      ? "a set of takes"
      : "a set of clips";
}

export default async function SharePage({ params }: Props) {
  const { token } = await params;
  // resolveGuest reads a request: this page's, rebuilt from its headers (the cookie, the client's address).
  const request = new Request(`http://share.invalid/r/${encodeURIComponent(token)}`, {
    headers: new Headers(await headers()),
  });
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
  const sharedBy = guest.link.createdBy.name;
  if (guest.state !== "ready") {
    return (
      <GuestShell>
        <GuestGate
          key={guest.state}
          token={token}
          step={guest.state}
          sharedBy={sharedBy}
          what={what(guest.link)}
        />
      </GuestShell>
    );
  }
  const initial = await guestView(guest, token);
  return (
    <GuestShell guestName={guest.actor.name}>
      <GuestView token={token} initial={initial} />
    </GuestShell>
  );
}
