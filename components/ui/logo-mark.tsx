import { cn } from "./cn";

/** The studio's mark: a play triangle on the accent gradient. Decorative; the name beside it speaks. */
export function LogoMark({ size = "md" }: { size?: "md" | "lg" }) {
  return (
    <span
      aria-hidden
      className={cn(
        "flex items-center justify-center rounded-lg bg-gradient-to-br from-accent-soft to-accent-strong",
        size === "lg" ? "size-8" : "size-7",
      )}
    >
      <svg viewBox="0 0 24 24" className={cn("fill-white", size === "lg" ? "size-4" : "size-3.5")}>
        <path d="M8 5.5v13l10.5-6.5z" />
      </svg>
    </span>
  );
}
