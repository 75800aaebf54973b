import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GuestPage } from "@/app/_lib/guest-page";
import { GuestSequence } from "@/components/share/guest/guest-sequence";
import { GuestView } from "@/components/share/guest/guest-view";
import { guestLink, guestView, toGuestSequence } from "@/lib/share/view";

export const dynamic = "force-dynamic";

// A share link's page, for a guest. It is not a studio page: no header nav, no composer, nothing but what
// the link shares: its clips (a clip, takes, a gallery view, a project with its sequences), or for a
// sequence link the sequence itself, played end to end.

export const metadata: Metadata = {
  title: "Shared for review",
  // The address carries the link's secret: keep it out of search engines and other sites' logs.
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Props = { params: Promise<{ token: string }> };

export default async function SharePage({ params }: Props) {
  const { token } = await params;
  return (
    <GuestPage token={token} path={`/r/${encodeURIComponent(token)}`}>
      {async (guest) => {
        if (guest.link.kind === "sequence") {
          const sequence = await guest.scope.sequence(guest.link.target);
          if (!sequence) notFound();
          return (
            <GuestSequence token={token} link={guestLink(guest)} initial={toGuestSequence(sequence, token)} />
          );
        }
        return <GuestView token={token} initial={await guestView(guest, token)} />;
      }}
    </GuestPage>
  );
}
