"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { setTeamSpendCapAction } from "@/app/(account)/actions";
import { cn } from "@/components/ui/cn";
import type { InvitationDTO, TeamSpendDTO } from "@/lib/accounts/dto";
import { actionValue } from "@/lib/client/action";
import { formatUsd } from "@/lib/client/format";
import {
  type MembersAdminView,
  memberKeys,
  membersQueryOptions,
  teamSpendQueryOptions,
} from "@/lib/client/members";
import { CapForm } from "./cap-form";
import { InvitationsPanel } from "./invitations-panel";
import { MemberList, RemovedList, type Viewer } from "./member-list";
import { Section } from "./parts";

function TeamCap({ initial }: { initial: TeamSpendDTO }) {
  const client = useQueryClient();
  const { data } = useQuery({ ...teamSpendQueryOptions, initialData: initial });
  const cap = data.teamDailySpendCapUsd;
  const share = cap ? Math.min(1, data.spentTodayUsd / cap) : 0;
  return (
    <Section
      id="team-cap"
      title="Spend caps"
      description="Generate is refused past a cap, with the amount left, before anything is sent to a provider. Days are UTC days; clips in flight count at their estimate. Empty means no cap."
    >
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <CapForm
          cap={cap}
          label="Team daily cap (US dollars)"
          showLabel
          widthClass="w-36"
          save={async (next) => {
            const { spend } = await actionValue(setTeamSpendCapAction(next));
            client.setQueryData(memberKeys.teamSpend, spend);
            toast.success(
              spend.teamDailySpendCapUsd === null
                ? "The team has no daily cap"
                : `The team may spend ${formatUsd(spend.teamDailySpendCapUsd)} a day`,
            );
            return spend.teamDailySpendCapUsd;
          }}
        />
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
