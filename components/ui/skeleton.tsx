import type { ReactNode } from "react";
import { cn } from "./cn";

/** A grey block standing in for content that is on its way. */
export function Bone({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded-md bg-ink-800", className)} />;
}

/**
 * A route's loading state. Invisible for its first 400 ms, then fades in: a page that arrives sooner
 * replaces it before it is ever seen, so fast loads do not flash a skeleton.
 */
export function Skeleton({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      role="status"
      aria-label={label}
      data-testid="loading-skeleton"
      className={cn("animate-[appear-late_200ms_ease-out_400ms_both]", className)}
    >
      {children}
    </div>
  );
}
