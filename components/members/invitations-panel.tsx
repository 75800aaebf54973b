"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { createInvitationAction, revokeInvitationAction } from "@/app/(account)/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CheckIcon, PlusIcon, XIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { Spinner } from "@/components/ui/spinner";
import type { InvitationDTO } from "@/lib/accounts/dto";
import type { MemberRole } from "@/lib/auth/actor";
import { actionValue } from "@/lib/client/action";
import { invitationsQueryOptions, memberKeys } from "@/lib/client/members";
import { articleFor, fieldClass, OnceValue, ROLE_LABEL, Section } from "./parts";

const EXPIRY_DAYS = [1, 3, 7, 14, 30] as const;

interface Created {
  url: string;
  invitation: InvitationDTO;
  mailedTo: string | null;
}

function InviteForm({
  grantRoles,
  onCreated,
}: {
  grantRoles: MemberRole[];
  onCreated: (c: Created) => void;
}) {
  const client = useQueryClient();
  const [role, setRole] = useState<MemberRole>("editor");
  const [email, setEmail] = useState("");
  const [days, setDays] = useState(7);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: async () => {
      const r = await createInvitationAction({ role, email: email.trim() || null, days });
      if (!r.ok) {
        setErrors(r.error.fields ?? { _: r.error.message });
        throw new Error(r.error.message);
      }
      return r;
    },
    onSuccess: (r) => {
      setErrors({});
      setEmail("");
      void client.invalidateQueries({ queryKey: memberKeys.invitations });
      onCreated({ url: r.url, invitation: r.invitation, mailedTo: r.mailedTo });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!create.isPending) create.mutate();
  }
  const emailError = errors.email;
  const other = errors._ ?? errors.role ?? errors.days;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-3 sm:grid-cols-[9rem_minmax(0,1fr)_8rem_auto] sm:items-end"
      data-testid="invite-form"
    >
      <label className="flex flex-col gap-1.5 text-xs font-medium text-ink-300">
        Role
        <select
          value={role}
          onChange={(e) => setRole(e.target.value as MemberRole)}
          className={fieldClass}
          name="role"
        >
          {grantRoles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1.5 text-xs font-medium text-ink-300">
        <span>
          Email <span className="font-normal text-ink-400">(optional)</span>
        </span>
        <input
          type="email"
          name="email"
          autoComplete="off"
          placeholder="name@example.com"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "invite-email-error" : undefined}
          className={fieldClass}
        />
      </label>
      <label className="flex flex-col gap-1.5 text-xs font-medium text-ink-300">
        Expires in
        <select
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
          className={fieldClass}
          name="days"
        >
          {EXPIRY_DAYS.map((d) => (
            <option key={d} value={d}>
              {d} day{d === 1 ? "" : "s"}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="primary" aria-disabled={create.isPending || undefined}>
        {create.isPending ? <Spinner className="size-3.5" /> : <PlusIcon className="size-3.5" />}
        Create link
      </Button>
      {(emailError || other) && (
        <p id="invite-email-error" role="alert" className="text-xs text-danger sm:col-span-4">
          {emailError ?? other}
        </p>
      )}
    </form>
  );
}

function CreatedLink({ created, onDone }: { created: Created; onDone: () => void }) {
  const { invitation } = created;
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-accent/40 bg-accent/10 p-4"
      data-testid="invite-created"
      role="status"
    >
      <div className="flex items-start justify-between gap-3">
        <p className="text-sm text-ink-100">
          <CheckIcon className="mr-1.5 inline size-4 text-ok" />
          Invitation to join as {articleFor(invitation.role)} <strong>{invitation.role}</strong>
          {created.mailedTo ? (
            <>
              {" "}
              mailed to <strong data-testid="invite-mailed-to">{created.mailedTo}</strong>.
            </>
          ) : (
            "."
          )}
        </p>
        <Button size="sm" variant="ghost" onClick={onDone} aria-label="Hide the link">
          <XIcon className="size-3.5" />
        </Button>
      </div>
      <OnceValue value={created.url} label="Invitation link" testId="invite-link" />
      <p className="text-xs text-ink-300">
        Copy the link now: it is shown only once. Whoever opens it can make an account until{" "}
        <LocalTime iso={invitation.expiresAt} />, once.
        {!created.mailedTo && invitation.email
          ? " Mail is off on this studio (no SMTP_URL), so send the link yourself."
          : ""}
      </p>
    </div>
  );
}

function PendingList({ items }: { items: InvitationDTO[] }) {
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: async (id: string) => {
      await actionValue(revokeInvitationAction(id));
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: memberKeys.invitations });
      toast("Invitation revoked", { description: "Its link no longer works." });
    },
    onError: (e) => toast.error("Could not revoke", { description: e.message }),
  });
  if (items.length === 0) {
    return <p className="text-sm text-ink-400">No pending invitations.</p>;
  }
  return (
    <ul
      className="-mx-4 -mb-4 divide-y divide-ink-700/70 border-ink-700/70 border-t sm:-mx-5 sm:-mb-5"
      data-testid="invite-list"
    >
      {items.map((i) => (
        <li key={i.id} className="flex items-center gap-3 px-4 py-3 sm:px-5" data-testid="invite-row">
          <Badge tone="accent" className="w-20 justify-center">
            {ROLE_LABEL[i.role]}
          </Badge>
          <div className="flex min-w-0 flex-1 flex-col">
            <span className={cn("truncate text-sm", i.email ? "text-ink-100" : "text-ink-300")}>
              {i.email ?? "Anyone with the link"}
            </span>
            <span className="text-xs text-ink-400">
              {i.invitedBy ? `By ${i.invitedBy} · ` : ""}expires <LocalTime iso={i.expiresAt} />
            </span>
          </div>
          <Button
            size="sm"
            variant="ghost"
            className="hover:text-danger"
            onClick={() => revoke.mutate(i.id)}
            aria-disabled={revoke.isPending || undefined}
            aria-label={`Revoke the invitation${i.email ? ` for ${i.email}` : ""}`}
          >
            Revoke
          </Button>
        </li>
      ))}
    </ul>
  );
}

export function InvitationsPanel({
  grantRoles,
  initial,
}: {
  grantRoles: MemberRole[];
  initial: InvitationDTO[];
}) {
  const { data } = useQuery({ ...invitationsQueryOptions, initialData: initial });
  const [created, setCreated] = useState<Created | null>(null);
  const pending = data.filter((i) => i.status === "pending");
  return (
    <Section
      id="invitations"
      title="Invitations"
      description="Accounts here come only from invitations: a link with a role and an expiry that one person uses once."
    >
      <InviteForm grantRoles={grantRoles} onCreated={setCreated} />
      {created && <CreatedLink created={created} onDone={() => setCreated(null)} />}
      <h3 className="text-sm font-medium text-ink-300">Pending ({pending.length})</h3>
      <PendingList items={pending} />
    </Section>
  );
}
