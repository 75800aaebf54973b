"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { toast } from "sonner";
import { createShareLinkAction, revokeShareLinkAction } from "@/app/share-actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FieldMessage } from "@/components/ui/field-message";
import { CheckIcon, ClockIcon, CopyIcon, LinkIcon, LockIcon, XIcon } from "@/components/ui/icons";
import { Modal } from "@/components/ui/modal";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { Spinner } from "@/components/ui/spinner";
import { actionValue } from "@/lib/client/action";
import { ApiRequestError, getJson } from "@/lib/client/http";
import type { CreatedShareLinkDTO, ShareLinkDTO } from "@/lib/share/dto";
import {
  DEFAULT_LINK_DAYS,
  LINK_DAY_CHOICES,
  LINK_PERMISSIONS,
  type LinkPermission,
  MAX_LINK_PASSWORD,
  MAX_LINK_TITLE,
  MIN_LINK_PASSWORD,
  PERMISSION_LABELS,
  type ShareKind,
} from "@/lib/share/limits";
import { agoText, dayText, untilText } from "./format";

// The studio's share dialog: make a review link for a clip, a take group, a gallery view, a project or a
// sequence (what guests may do, for how long, an optional password), copy it once, and see and revoke
// the target's active links. Loaded only when someone opens it (components/share/share-button.tsx).

export interface ShareTarget {
  kind: ShareKind;
  /** A clip id, a take group id, or a gallery view's query string. */
  target: string;
  /** What is shared, for the dialog's sentence: "this clip", "these 3 takes", "this gallery view". */
  what: string;
}

const field =
  "h-10 w-full rounded-lg border border-ink-700 bg-ink-950 px-3 text-sm text-ink-100 placeholder:text-ink-400 hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft/40";

const shareKeys = {
  links: (kind: ShareKind, target: string) => ["share-links", kind, target] as const,
};

function linksQuery(kind: ShareKind, target: string) {
  return {
    queryKey: shareKeys.links(kind, target),
    queryFn: async ({ signal }: { signal: AbortSignal }) =>
      (
        await getJson<{ items: ShareLinkDTO[] }>(
          `/api/share-links?${new URLSearchParams({ kind, target })}`,
          signal,
        )
      ).items,
    retry: false,
  };
}

const DAY_OPTIONS = LINK_DAY_CHOICES.map((d) => ({ value: d, label: d === 1 ? "1 day" : `${d} days` }));

function permissionsText(permissions: readonly LinkPermission[]): string {
  return [
    "View",
    ...permissions.map((p) => PERMISSION_LABELS[p].replace("Approve or request changes", "Review")),
  ].join(" · ");
}

function NewLinkForm({
  share,
  onCreated,
}: {
  share: ShareTarget;
  onCreated: (c: CreatedShareLinkDTO) => void;
}) {
  const ids = useId();
  const [title, setTitle] = useState("");
  const [permissions, setPermissions] = useState<LinkPermission[]>(["comment"]);
  const [days, setDays] = useState<number>(DEFAULT_LINK_DAYS);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const create = useMutation({
    mutationFn: async () => {
      const r = await createShareLinkAction({
        kind: share.kind,
        target: share.target,
        permissions,
        expiresInDays: days,
        ...(password ? { password } : {}),
        ...(title.trim() ? { title } : {}),
      });
      if (!r.ok) throw Object.assign(new Error(r.error.message), { fields: r.error.fields });
      return r;
    },
    onSuccess: (created) => {
      setError(null);
      onCreated(created);
    },
    onError: (e: Error & { fields?: Record<string, string> }) =>
      setError({ message: e.message, fields: e.fields }),
  });
  const shortPassword = password.length > 0 && password.length < MIN_LINK_PASSWORD;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!shortPassword) create.mutate();
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" data-testid="share-form">
      <label className="flex flex-col gap-1.5 text-xs font-medium text-ink-300">
        Name (optional, only your team sees it)
        <input
          className={field}
          value={title}
          maxLength={MAX_LINK_TITLE}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="e.g. Client review, round 2"
        />
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1.5 text-xs font-medium text-ink-300">Guests can</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          <label className="flex items-center gap-2.5 rounded-lg border border-ink-700 bg-ink-950/60 px-3 py-2 text-sm text-ink-400">
            <input type="checkbox" checked disabled className="size-4 accent-[var(--accent)]" />
            View (always)
          </label>
          {LINK_PERMISSIONS.map((p) => (
            <label
              key={p}
              className="flex cursor-pointer items-center gap-2.5 rounded-lg border border-ink-700 bg-ink-950/60 px-3 py-2 text-sm text-ink-100 hover:border-ink-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-soft"
            >
              <input
                type="checkbox"
                checked={permissions.includes(p)}
                onChange={(e) =>
                  setPermissions((now) =>
                    LINK_PERMISSIONS.filter((x) => (x === p ? e.target.checked : now.includes(x))),
                  )
                }
                className="size-4 accent-[var(--accent)]"
              />
              {PERMISSION_LABELS[p]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-col gap-1.5">
        <span id={`${ids}-expiry`} className="text-xs font-medium text-ink-300">
          Expires after
        </span>
        <SegmentedControl
          label="Expires after"
          options={DAY_OPTIONS}
          value={days}
          onChange={setDays}
          describedBy={`${ids}-expiry`}
          optionClassName="h-8 text-[13px]"
          data-testid="share-expiry"
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${ids}-password`} className="text-xs font-medium text-ink-300">
          Password (optional)
        </label>
        <input
          id={`${ids}-password`}
          type="password"
          autoComplete="new-password"
          className={field}
          value={password}
          maxLength={MAX_LINK_PASSWORD}
          onChange={(e) => setPassword(e.target.value)}
          placeholder="No password"
          aria-describedby={`${ids}-password-hint`}
          aria-invalid={shortPassword || Boolean(error?.fields?.password)}
        />
        <FieldMessage id={`${ids}-password-hint`} tone={shortPassword ? "error" : "hint"}>
          {shortPassword
            ? `At least ${MIN_LINK_PASSWORD} characters, or leave it empty.`
            : "Send it separately from the link. Guests enter it once per browser."}
        </FieldMessage>
      </div>
      {error && <FieldMessage data-testid="share-error">{error.message}</FieldMessage>}
      <Button type="submit" variant="primary" disabled={create.isPending || shortPassword}>
        {create.isPending ? <Spinner className="size-4" /> : <LinkIcon />}
        Create link
      </Button>
    </form>
  );
}

function CreatedLink({ created, onAnother }: { created: CreatedShareLinkDTO; onAnother: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      toast.error("Could not copy", { description: "Select the link and copy it yourself." });
    }
  }
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-ok/30 bg-ok/5 p-4"
      data-testid="share-created"
    >
      <p className="flex items-center gap-2 text-sm font-semibold text-ink-100">
        <CheckIcon className="size-4 text-ok" />
        Link ready
      </p>
      <div className="flex gap-2">
        <input
          readOnly
          value={created.url}
          aria-label="Share link"
          data-testid="share-url"
          onFocus={(e) => e.currentTarget.select()}
          className={cn(field, "min-w-0 flex-1 font-mono text-xs")}
        />
        <Button variant="primary" onClick={copy} className="shrink-0" data-testid="share-copy">
          {copied ? <CheckIcon /> : <CopyIcon />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-xs leading-5 text-ink-400">
        Copy it now: the studio keeps only a fingerprint of the link, so it cannot show it again. Guests see{" "}
        {permissionsText(created.link.permissions).toLowerCase().replaceAll(" · ", ", ")}
        {created.link.hasPassword ? ", after the password" : ""}, until {dayText(created.link.expiresAt)}.
      </p>
      <Button variant="ghost" size="sm" onClick={onAnother} className="self-start">
        Make another link
      </Button>
    </div>
  );
}

function ActiveLinks({ share }: { share: ShareTarget }) {
  const client = useQueryClient();
  const { data: links, isPending, error } = useQuery(linksQuery(share.kind, share.target));
  const revoke = useMutation({
    mutationFn: async (id: string) => {
      await actionValue(revokeShareLinkAction(id));
    },
    onSuccess: () => {
      toast.success("Link revoked", { description: "Anyone using it is turned away from now on." });
      void client.invalidateQueries({ queryKey: shareKeys.links(share.kind, share.target) });
    },
    onError: (e) => toast.error("Could not revoke the link", { description: e.message }),
  });
  if (error) {
    return null;
  }
  return (
    <section aria-labelledby="share-active-heading" className="flex flex-col gap-2">
      <h3 id="share-active-heading" className="text-xs font-semibold tracking-wide text-ink-400 uppercase">
        Active links {links ? <span className="tabular-nums">({links.length})</span> : null}
      </h3>
      {isPending ? (
        <p className="text-sm text-ink-400">Loading…</p>
      ) : links.length === 0 ? (
        <p className="text-sm text-ink-400">None yet: nobody outside the team can see {share.what}.</p>
      ) : (
        <ul
          className="flex flex-col divide-y divide-ink-700/70 rounded-lg border border-ink-700"
          data-testid="share-links"
        >
          {links.map((l) => (
            <li
              key={l.id}
              className="flex items-start gap-3 px-3 py-2.5"
              data-testid="share-link"
              data-id={l.id}
            >
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <span className="flex flex-wrap items-center gap-1.5 text-sm font-medium text-ink-100">
                  <span className="truncate">{l.title || "Untitled link"}</span>
                  {l.hasPassword && (
                    <Badge className="h-5 px-1.5 text-[11px]" title="Guests enter a password first">
                      <LockIcon className="size-3" />
                      Password
                    </Badge>
                  )}
                </span>
                <span className="text-xs text-ink-300">{permissionsText(l.permissions)}</span>
                <span className="flex flex-wrap items-center gap-x-2 text-xs text-ink-400">
                  <span className="inline-flex items-center gap-1" title={new Date(l.expiresAt).toString()}>
                    <ClockIcon className="size-3" />
                    Expires {untilText(l.expiresAt)}
                  </span>
                  <span aria-hidden>·</span>
                  <span>by {l.createdBy.name}</span>
                  <span aria-hidden>·</span>
                  <span>{l.lastUsedAt ? `opened ${agoText(l.lastUsedAt)}` : "not opened yet"}</span>
                </span>
              </div>
              <Button
                size="sm"
                variant="ghost"
                className="shrink-0 hover:text-danger"
                onClick={() => revoke.mutate(l.id)}
                disabled={revoke.isPending && revoke.variables === l.id}
                aria-label={`Revoke ${l.title || "this link"}`}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ShareDialog({
  open,
  onClose,
  share,
}: {
  open: boolean;
  onClose: () => void;
  share: ShareTarget;
}) {
  const client = useQueryClient();
  const [created, setCreated] = useState<CreatedShareLinkDTO | null>(null);
  // The list answers 403 to a member below editor: the dialog says so instead of offering a form.
  const { error } = useQuery(linksQuery(share.kind, share.target));
  const forbidden = error instanceof ApiRequestError && error.status === 403;
  return (
    <Modal
      open={open}
      onClose={onClose}
      aria-labelledby="share-title"
      className="max-h-[calc(100dvh-1.5rem)] w-[min(560px,calc(100vw-1.5rem))] overflow-y-auto"
      data-testid="share-dialog"
    >
      <div className="flex flex-col gap-5 p-5 sm:p-6">
        <header className="flex items-start gap-3">
          <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-accent/15 text-accent-soft">
            <LinkIcon className="size-[18px]" />
          </span>
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <h2 id="share-title" className="text-base font-semibold text-ink-100">
              Share for review
            </h2>
            <p className="text-sm leading-5 text-ink-400">
              People outside the team open {share.what} with the link. They give a name, and need no account;
              they see nothing else of the studio.
            </p>
          </div>
          <button
            type="button"
            onClick={onClose}
            aria-label="Close"
            className="-mt-1 -mr-1 flex size-8 shrink-0 items-center justify-center rounded-md text-ink-400 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
          >
            <XIcon />
          </button>
        </header>
        {forbidden ? (
          <FieldMessage tone="warning" data-testid="share-forbidden">
            {error.message}
          </FieldMessage>
        ) : created ? (
          <CreatedLink created={created} onAnother={() => setCreated(null)} />
        ) : (
          <NewLinkForm
            share={share}
            onCreated={(c) => {
              setCreated(c);
              void client.invalidateQueries({ queryKey: shareKeys.links(share.kind, share.target) });
            }}
          />
        )}
        {!forbidden && <ActiveLinks share={share} />}
      </div>
    </Modal>
  );
}
