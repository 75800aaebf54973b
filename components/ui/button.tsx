import type { ButtonHTMLAttributes, Ref } from "react";
import { cn } from "./cn";

type Variant = "primary" | "secondary" | "ghost" | "danger";
type Size = "sm" | "md" | "lg";

const variants: Record<Variant, string> = {
  primary:
    "bg-accent text-white shadow-[0_1px_0_rgba(255,255,255,0.15)_inset] hover:bg-accent-strong aria-disabled:bg-ink-700 aria-disabled:text-ink-400 aria-disabled:shadow-none",
  secondary: "border border-ink-600 bg-ink-800 text-ink-100 hover:border-ink-400 hover:bg-ink-700",
  ghost: "text-ink-300 hover:bg-ink-800 hover:text-ink-100",
  danger: "border border-danger/40 bg-danger/10 text-danger hover:bg-danger/20",
};

const sizes: Record<Size, string> = {
  sm: "h-8 gap-1.5 rounded-md px-2.5 text-xs",
  md: "h-10 gap-2 rounded-lg px-4 text-sm",
  lg: "h-12 gap-2 rounded-xl px-5 text-base",
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  ref?: Ref<HTMLButtonElement>;
}

/** The button look, for elements that are not buttons (links, downloads). */
export function buttonClasses(variant: Variant = "secondary", size: Size = "md", className?: string): string {
  return cn(
    "inline-flex select-none items-center justify-center font-medium transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-soft",
    "disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-not-allowed",
    variants[variant],
    sizes[size],
    className,
  );
}

/**
 * A real <button>. Prefer `aria-disabled` over `disabled` when the reason should stay reachable: the
 * button keeps focus and its description, and the handler must ignore the click.
 */
export function Button({
  variant = "secondary",
  size = "md",
  className,
  type = "button",
  ...props
}: ButtonProps) {
  return <button type={type} className={buttonClasses(variant, size, className)} {...props} />;
}
