import type { Metadata } from "next";
import { GuestMessage } from "@/components/share/guest/guest-message";
import { GuestShell } from "@/components/share/guest/guest-shell";

export const metadata: Metadata = { title: "Link not found", robots: { index: false, follow: false } };

/** A share link that does not exist (answered 404): mistyped, cut short, or never made. */
export default function ShareNotFound() {
  return (
    <GuestShell>
      <GuestMessage title="This review link doesn’t work" testId="guest-link-not-found">
        <p>
          There is no review link at this address. Check that it was copied whole (links are long), or ask the
          person who shared it for a new one.
        </p>
      </GuestMessage>
    </GuestShell>
  );
}
