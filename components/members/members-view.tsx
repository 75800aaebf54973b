"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { setTeamSpendCapAction } from "@/app/(account)/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { InvitationDTO, TeamSpendDTO } from "@/lib/accounts/dto";
import { formatUsd } from "@/lib/client/format";
import {
  type MembersAdminView,
  memberKeys,
  membersQueryOptions,
  teamSpendQueryOptions,
} from "@/lib/client/members";
import { InvitationsPanel } from "./invitations-panel";
import { MemberList, RemovedList, type Viewer } from "./member-list";
import { capText, fieldClass, parseCap, Section } from "./parts";

function TeamCap({ initial }: { initial: TeamSpendDTO }) {
  const client = useQueryClient();
  const { data } = useQuery({ ...teamSpendQueryOptions, initialData: initial });
  const [text, setText] = useState(capText(initial.teamDailySpendCapUsd));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (cap: number | null) => {
      const r = await setTeamSpendCapAction(cap);
      if (!r.ok) throw new Error(r.error.message);
      return r.spend;
    },
    onSuccess: (spend) => {
      client.setQueryData(memberKeys.teamSpend, spend);
      setText(capText(spend.teamDailySpendCapUsd));
      toast.success(
        spend.teamDailySpendCapUsd === null
          ? "The team has no daily cap"
          : `The team may spend ${formatUsd(spend.teamDailySpendCapUsd)} a day`,
      );
    },
    onError: (e) => setError(e.message),
  });
  const cap = data.teamDailySpendCapUsd;
  const share = cap ? Math.min(1, data.spentTodayUsd / cap) : 0;
  const dirty = text.trim() !== capText(cap);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!dirty || save.isPending) return;
    const parsed = parseCap(text);
    if ("error" in parsed) return setError(parsed.error);
    setError(null);
    save.mutate(parsed.cap);
  }
  return (
    <Section
      id="team-cap"
      title="Spend caps"
      description="Generate is refused past a cap, with the amount left, before anything is sent to a provider. Days are UTC days; clips in flight count at their estimate. Empty means no cap."
    >
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <form onSubmit={submit} noValidate className="flex flex-col gap-1.5">
          <label htmlFor="team-cap-input" className="text-xs font-medium text-ink-300">
            Team daily cap (US dollars)
          </label>
          <div className="flex items-center gap-2">
            <div className="relative w-36">
              <span
                aria-hidden
                className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-sm text-ink-400"
              >
                $
              </span>
              <input
                id="team-cap-input"
                inputMode="decimal"
                placeholder="No cap"
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setError(null);
                }}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "team-cap-error" : undefined}
                className={cn(fieldClass, "pl-6 tabular-nums")}
              />
            </div>
            {dirty && (
              <Button type="submit" variant="primary" aria-disabled={save.isPending || undefined}>
                Save
              </Button>
            )}
          </div>
          {error && (
            <p id="team-cap-error" role="alert" className="text-xs text-danger">
              {error}
            </p>
          )}
        </form>
        <div className="flex min-w-56 flex-col gap-1.5 sm:items-end" data-testid="team-spend">
          <p className="text-sm text-ink-300 tabular-nums">
            <span className="font-semibold text-ink-100">{formatUsd(data.spentTodayUsd)}</span> spent today
            {cap !== null && <> of {formatUsd(cap)}</>}
          </p>
          {cap !== null && (
            <div className="h-1.5 w-full rounded-full bg-ink-800 sm:w-56" aria-hidden>
              <div
                className={cn(
                  "h-1.5 rounded-full",
                  share >= 1 ? "bg-danger" : share > 0.8 ? "bg-warn" : "bg-accent",
                )}
                style={{ width: `${share * 100}%` }}
              />
            </div>
          )}
        </div>
      </div>
      <p className="text-xs text-ink-400">Each member's own cap is set beside their name below.</p>
    </Section>
  );
}

export interface MembersInitial {
  members: MembersAdminView;
  invitations: InvitationDTO[];
  /** The owner's only. */
  teamSpend: TeamSpendDTO | null;
}

/** The team: members with their roles (and, for the owner, spend caps), removed members, invitations. */
export function MembersView({ viewer, initial }: { viewer: Viewer; initial: MembersInitial }) {
  const { data } = useQuery({ ...membersQueryOptions, initialData: initial.members });
  const count = data.items.length;
  return (
    <main className="mx-auto flex max-w-[1100px] flex-col gap-5 px-4 py-5 sm:px-6 sm:py-6 lg:px-8">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold text-ink-100">Members</h1>
        <p className="max-w-2xl text-sm text-ink-400">
          Who works in this studio and what each may do. A role change applies from the member's next request;
          a removed member is signed out everywhere at once.
        </p>
      </div>
      {initial.teamSpend && <TeamCap initial={initial.teamSpend} />}
      <Section
        id="team"
        title={`Team (${count})`}
        description={
          viewer.role === "owner"
            ? "Owners and admins manage the team; only an owner changes an owner or sets spend caps."
            : "You manage reviewers, editors and admins; only an owner changes an owner or sets spend caps."
        }
      >
        <MemberList viewer={viewer} members={data.items} />
      </Section>
      <InvitationsPanel grantRoles={viewer.grantRoles} initial={initial.invitations} />
      {data.removed.length > 0 && (
        <Section
          id="removed"
          title={`Removed (${data.removed.length})`}
          description="They cannot sign in. Their clips and comments keep their name. Restoring gives back the role they had, not their tokens."
        >
          <RemovedList viewer={viewer} members={data.removed} />
        </Section>
      )}
    </main>
  );
}
