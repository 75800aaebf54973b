import type { ReactNode } from "react";
import { AlertIcon } from "@/components/ui/icons";

/** What a share link's page says instead of clips: it expired, was turned off, is busy, or does not exist. */
export function GuestMessage({
  title,
  children,
  testId = "guest-message",
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <main
      className="mx-auto flex max-w-xl flex-col items-center gap-4 px-6 py-16 text-center sm:py-24"
      data-testid={testId}
    >
      <span className="flex size-14 items-center justify-center rounded-full bg-ink-800 text-ink-300">
        <AlertIcon className="size-7" />
      </span>
      <h1 className="text-xl font-semibold text-balance text-ink-100">{title}</h1>
      <div className="flex flex-col gap-3 text-sm leading-6 text-pretty text-ink-400">{children}</div>
    </main>
  );
}
