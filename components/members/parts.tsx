"use client";

import { type ReactNode, useId } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { Modal } from "@/components/ui/modal";
import { Spinner } from "@/components/ui/spinner";
import type { MemberRole } from "@/lib/auth/actor";

export { capText, parseCap } from "@/lib/client/cap-input";

// Pieces the members and account pages share: a section card, an avatar, a confirm dialog, a secret
// shown once, and the words for each role.

export const fieldClass =
  "h-10 w-full rounded-lg border border-ink-700 bg-ink-950 px-3 text-sm text-ink-100 placeholder:text-ink-400 hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft/40 aria-invalid:border-danger/70 disabled:cursor-not-allowed disabled:opacity-60";

export const ROLE_LABEL: Record<MemberRole, string> = {
  owner: "Owner",
  admin: "Admin",
  editor: "Editor",
  reviewer: "Reviewer",
};

export const ROLE_CAN: Record<MemberRole, string> = {
  owner: "Everything, including members, roles, spend caps and the studio's data.",
  admin: "Members and invitations, and everything an editor can do.",
  editor: "Upload, generate (spends money), edit characters and delete clips; review.",
  reviewer: "View every clip, comment, and set review status and chosen takes. Never spends money.",
};

export const articleFor = (role: MemberRole) => (/^[aeiou]/.test(role) ? "an" : "a");

/** "an editor", "a reviewer". */
export const aRole = (role: MemberRole) => `${articleFor(role)} ${role}`;

export function Section({
  id,
  title,
  description,
  actions,
  children,
  className,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      aria-labelledby={id}
      className={cn(
        "flex flex-col gap-4 rounded-card border border-ink-700 bg-ink-900 p-4 sm:p-5",
        className,
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="flex min-w-0 flex-col gap-1">
          <h2 id={id} className="text-base font-semibold text-ink-100">
            {title}
          </h2>
          {description && <p className="max-w-2xl text-sm text-ink-400">{description}</p>}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Avatar({ initials, className }: { initials: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        "flex size-9 shrink-0 select-none items-center justify-center rounded-full bg-gradient-to-br from-accent-soft/30 to-accent/40 text-xs font-semibold text-ink-100",
        className,
      )}
    >
      {initials}
    </span>
  );
}

/** A yes/no question about something that cannot be taken back in one click. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pending,
  onConfirm,
  onClose,
  testId,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  testId?: string;
}) {
  const titleId = useId();
  return (
    <Modal
      open={open}
      onClose={onClose}
      aria-labelledby={titleId}
      data-testid={testId}
      className="w-[min(28rem,calc(100vw-2rem))]"
    >
      <div className="flex flex-col gap-4 p-5">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <div className="flex flex-col gap-2 text-sm text-ink-300">{children}</div>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="danger"
            onClick={() => !pending && onConfirm()}
            aria-disabled={pending || undefined}
          >
            {pending && <Spinner className="size-3.5" />}
            {confirmLabel}
          </Button>
        </div>
      </div>
    </Modal>
  );
}

/** A secret or link shown once: a read-only field to select, and a copy button. */
export function OnceValue({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <div className="flex items-center gap-1 rounded-lg border border-ink-600 bg-ink-950 py-1 pr-1 pl-3">
      <input
        readOnly
        value={value}
        aria-label={label}
        data-testid={testId}
        onFocus={(e) => e.currentTarget.select()}
        className="min-w-0 flex-1 bg-transparent font-mono text-xs text-ink-100 outline-none sm:text-sm"
      />
      <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} className="size-8" />
    </div>
  );
}

/** A command to copy, shown whole (wrapped), with a copy button. */
export function CommandBlock({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <div className="flex items-start gap-1 rounded-lg border border-ink-600 bg-ink-950 py-1 pr-1 pl-3">
      <code
        data-testid={testId}
        className="min-w-0 flex-1 py-1.5 font-mono text-xs break-all whitespace-pre-wrap text-ink-100 sm:text-sm"
      >
        {value}
      </code>
      <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} className="size-8" />
    </div>
  );
}
