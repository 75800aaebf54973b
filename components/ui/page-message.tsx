import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A page that says what happened and what to do instead of showing content: not found, an error. One
 * look for all of them (an icon, a heading, a few sentences, the ways on).
 */
export function PageMessage({
  icon,
  tone = "neutral",
  title,
  children,
  actions,
  testId,
}: {
  icon: ReactNode;
  tone?: "neutral" | "danger";
  title: string;
  children: ReactNode;
  actions: ReactNode;
  testId?: string;
}) {
  return (
    <main
      className="mx-auto flex max-w-xl flex-col items-center gap-4 px-6 py-16 text-center sm:py-20"
      data-testid={testId}
    >
      <span
        className={cn(
          "flex size-14 items-center justify-center rounded-full [&>svg]:size-7",
          tone === "danger" ? "bg-danger/10 text-danger" : "bg-ink-800 text-ink-300",
        )}
      >
        {icon}
      </span>
      <h1 className="text-xl font-semibold text-balance text-ink-100">{title}</h1>
      <div className="flex flex-col gap-3 text-sm leading-6 text-pretty text-ink-400">{children}</div>
      <div className="mt-2 flex w-full flex-col-reverse justify-center gap-2 sm:w-auto sm:flex-row">
        {actions}
      </div>
    </main>
  );
}
