import type { ReactNode } from "react";
import { cn } from "./cn";
import { AlertIcon, InfoIcon } from "./icons";

export interface FieldMessageProps {
  id?: string;
  tone?: "error" | "warning" | "hint";
  children: ReactNode;
  className?: string;
  "data-testid"?: string;
}

/** A message under a field. Errors are announced (role=alert); hints are not. */
export function FieldMessage({ id, tone = "error", children, className, ...rest }: FieldMessageProps) {
  const Icon = tone === "hint" ? InfoIcon : AlertIcon;
  return (
    <p
      id={id}
      role={tone === "error" ? "alert" : undefined}
      data-testid={rest["data-testid"]}
      className={cn(
        "flex items-start gap-1.5 text-xs leading-5",
        tone === "error" && "text-danger",
        tone === "warning" && "text-warn",
        tone === "hint" && "text-ink-400",
        className,
      )}
    >
      <Icon className="mt-0.5 size-3.5 shrink-0" />
      <span className="min-w-0 break-words">{children}</span>
    </p>
  );
}
