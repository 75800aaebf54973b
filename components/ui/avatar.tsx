import { avatarHue } from "@/lib/activity/people";
import { cn } from "./cn";

const sizes = {
  xs: "size-5 text-[9px]",
  sm: "size-6 text-[10px]",
  md: "size-8 text-xs",
} as const;

export interface AvatarProps {
  /** One or two letters. */
  initials: string;
  /** What picks the color: the user's id (a guest's name). */
  colorKey: string;
  /** Said to screen readers and shown on hover; omit where the name is written beside it. */
  label?: string;
  size?: keyof typeof sizes;
  /** A guest: a dashed ring says "not a member". */
  guest?: boolean;
  className?: string;
}

/**
 * Someone's initials in a circle of their own color. The color is a fixed lightness in OKLCH, so white
 * letters keep the same contrast (over 5:1) on every hue, in both themes.
 */
export function Avatar({ initials, colorKey, label, size = "sm", guest, className }: AvatarProps) {
  const hue = avatarHue(colorKey);
  return (
    <span
      {...(label ? { role: "img", "aria-label": label, title: label } : { "aria-hidden": true })}
      data-testid="avatar"
      className={cn(
        "inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold leading-none text-white",
        guest && "outline-1 outline-offset-1 outline-ink-400 outline-dashed",
        sizes[size],
        className,
      )}
      style={{ backgroundColor: `oklch(0.5 0.13 ${hue})` }}
    >
      <span aria-hidden>{initials}</span>
    </span>
  );
}
