"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { LinkIcon } from "@/components/ui/icons";
import type { ShareTarget } from "./share-dialog";

// The dialog's code loads when someone opens it, not with the studio page (its first-load budget).
const ShareDialog = lazy(() => import("./share-dialog").then((m) => ({ default: m.ShareDialog })));

/** "Share": opens the share dialog for a clip, a take group or a gallery view. */
export function ShareButton({
  share,
  variant = "secondary",
  size = "md",
  label = "Share",
  className,
}: {
  share: ShareTarget;
  variant?: "primary" | "secondary" | "ghost";
  size?: "sm" | "md";
  label?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant={variant}
        size={size}
        onClick={() => setOpen(true)}
        className={className}
        aria-haspopup="dialog"
        data-testid="share-button"
        data-kind={share.kind}
      >
        <LinkIcon className={size === "sm" ? "size-3.5" : "size-4"} />
        {label}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ShareDialog open={open} onClose={() => setOpen(false)} share={share} />
        </Suspense>
      )}
    </>
  );
}
