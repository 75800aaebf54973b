import Link from "next/link";
import type { ComponentProps } from "react";
import { buttonClasses } from "./button";

type LinkButtonProps = ComponentProps<typeof Link> & {
  variant?: Parameters<typeof buttonClasses>[0];
  size?: Parameters<typeof buttonClasses>[1];
};

/** A link that looks like a Button (navigation is a link, not a button with a click handler). */
export function LinkButton({ variant = "secondary", size = "md", className, ...props }: LinkButtonProps) {
  return <Link className={buttonClasses(variant, size, className)} {...props} />;
}
