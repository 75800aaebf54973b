import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GuestPage } from "@/app/_lib/guest-page";
import { GuestSequence } from "@/components/share/guest/guest-sequence";
import { guestLink, toGuestSequence } from "@/lib/share/view";

export const dynamic = "force-dynamic";

// One of a project link's sequences, watched end to end by a guest (a sequence link's own sequence is its
// page, /r/<token>). A sequence the link does not cover is a 404, as one that does not exist.

export const metadata: Metadata = {
  title: "Sequence shared for review",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Props = { params: Promise<{ token: string; id: string }> };

export default async function ShareSequencePage({ params }: Props) {
  const { token, id } = await params;
  return (
    <GuestPage token={token} path={`/r/${encodeURIComponent(token)}/sequences/${encodeURIComponent(id)}`}>
      {async (guest) => {
        const sequence = await guest.scope.sequence(id);
        if (!sequence) notFound();
        return (
          <GuestSequence
            token={token}
            link={guestLink(guest)}
            initial={toGuestSequence(sequence, token)}
            backHref={guest.link.kind === "sequence" ? undefined : `/r/${encodeURIComponent(token)}`}
          />
        );
      }}
    </GuestPage>
  );
}
