"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import {
  changeRoleAction,
  removeMemberAction,
  restoreMemberAction,
  setMemberSpendCapAction,
} from "@/app/(account)/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { TrashIcon } from "@/components/ui/icons";
import type { MemberDTO } from "@/lib/accounts/dto";
import { MEMBER_ROLES, type MemberRole } from "@/lib/auth/actor";
import { actionValue } from "@/lib/client/action";
import { formatUsd } from "@/lib/client/format";
import { memberKeys } from "@/lib/client/members";
import { CapForm } from "./cap-form";
import { Avatar, aRole, ConfirmDialog, fieldClass, ROLE_LABEL } from "./parts";

export interface Viewer {
  id: string;
  role: MemberRole;
  grantRoles: MemberRole[];
}

/** An admin manages reviewers, editors and admins; an owner anyone. The server checks the same. */
const mayManage = (viewer: Viewer, m: MemberDTO) => viewer.role === "owner" || m.role !== "owner";

function failed(title: string) {
  return (e: Error) => toast.error(title, { description: e.message });
}

function RoleSelect({ viewer, member }: { viewer: Viewer; member: MemberDTO }) {
  const client = useQueryClient();
  const [pendingSelf, setPendingSelf] = useState<MemberRole | null>(null);
  const change = useMutation({
    mutationFn: async (role: MemberRole) => {
      const r = await actionValue(changeRoleAction(member.id, role));
      return r.member;
    },
    onSuccess: (m) => {
      setPendingSelf(null);
      toast.success(`${m.name} is now ${aRole(m.role)}`, {
        description: "It applies from their next request.",
      });
      // Below admin, this page is no longer yours.
      if (m.id === viewer.id && m.role !== "admin" && m.role !== "owner") window.location.assign("/");
      else void client.invalidateQueries({ queryKey: memberKeys.members });
    },
    onError: (e) => {
      setPendingSelf(null);
      failed(`Could not change ${member.name}'s role`)(e);
    },
  });
  const editable = mayManage(viewer, member);
  // The roles this viewer may give, plus the current one (shown even when not theirs to give).
  const options = MEMBER_ROLES.filter((r) => r === member.role || viewer.grantRoles.includes(r)).reverse();
  return (
    <>
      <select
        aria-label={`Role of ${member.name}`}
        data-testid="role-select"
        value={change.isPending ? (change.variables ?? member.role) : member.role}
        disabled={!editable || change.isPending}
        title={editable ? undefined : "Only an owner changes an owner's role"}
        onChange={(e) => {
          const role = e.target.value as MemberRole;
          if (member.id === viewer.id) setPendingSelf(role);
          else change.mutate(role);
        }}
        className={cn(fieldClass, "w-full")}
      >
        {options.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
      <ConfirmDialog
        open={pendingSelf !== null}
        title={pendingSelf ? `Make yourself ${aRole(pendingSelf)}?` : ""}
        confirmLabel="Change my role"
        pending={change.isPending}
        onConfirm={() => pendingSelf && change.mutate(pendingSelf)}
        onClose={() => setPendingSelf(null)}
      >
        <p>
          You are changing your own role. Only another{" "}
          {member.role === "owner" ? "owner" : "admin or the owner"} can give it back.
        </p>
      </ConfirmDialog>
    </>
  );
}

/** The owner's control of one member's daily cap. */
function MemberCap({ member }: { member: MemberDTO }) {
  const client = useQueryClient();
  return (
    <CapForm
      cap={member.dailySpendCapUsd}
      label={`Daily spend cap of ${member.name}, in US dollars`}
      widthClass="w-24 sm:w-28"
      testId="cap-input"
      save={async (cap) => {
        const { member: m } = await actionValue(setMemberSpendCapAction(member.id, cap));
        void client.invalidateQueries({ queryKey: memberKeys.members });
        toast.success(
          m.dailySpendCapUsd === null
            ? `${m.name} has no daily cap`
            : `${m.name} may spend ${formatUsd(m.dailySpendCapUsd)} a day`,
        );
        return m.dailySpendCapUsd;
      }}
    />
  );
}

function SpendCell({ viewer, member }: { viewer: Viewer; member: MemberDTO }) {
  const cap = member.dailySpendCapUsd;
  return (
    <div className="flex items-center gap-2 sm:justify-end sm:gap-3">
      <span className="text-xs text-ink-400 tabular-nums" title="Spent today (UTC), clips in flight included">
        <span className="text-ink-300">{formatUsd(member.spentTodayUsd)}</span> today
        {viewer.role !== "owner" && <> · {cap === null ? "no cap" : `cap ${formatUsd(cap)}`}</>}
      </span>
      {viewer.role === "owner" && <MemberCap member={member} />}
    </div>
  );
}

/** The remove dialog, one for the list: asks, then removes. */
function RemoveDialog({ member, onClose }: { member: MemberDTO | null; onClose: () => void }) {
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: async (m: MemberDTO) => {
      await actionValue(removeMemberAction(m.id));
      return m;
    },
    onSuccess: (m) => {
      onClose();
      void client.invalidateQueries({ queryKey: memberKeys.members });
      toast(`Removed ${m.name}`, { description: "Signed out everywhere; their tokens are revoked." });
    },
    onError: (e, m) => {
      onClose();
      failed(`Could not remove ${m.name}`)(e);
    },
  });
  return (
    <ConfirmDialog
      open={member !== null}
      title={member ? `Remove ${member.name} from the team?` : ""}
      confirmLabel="Remove"
      pending={remove.isPending}
      onConfirm={() => member && remove.mutate(member)}
      onClose={onClose}
      testId="remove-dialog"
    >
      <p>
        They are signed out on every device now, their personal API tokens are revoked, and they cannot sign
        in again.
      </p>
      <p>Their clips and comments stay, with their name. You can restore them later.</p>
    </ConfirmDialog>
  );
}

function MemberRow({
  viewer,
  member,
  onRemove,
}: {
  viewer: Viewer;
  member: MemberDTO;
  onRemove: (m: MemberDTO) => void;
}) {
  const self = member.id === viewer.id;
  // Phones: who and the remove button on one line, role and spend below. Wider: one line, in columns
  // (the inner wrapper dissolves into the row's grid).
  return (
    <li
      data-testid="member-row"
      data-id={member.id}
      className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-3 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_8rem_auto_2.5rem] sm:px-5"
    >
      <div className="col-start-1 row-start-1 flex min-w-0 items-center gap-3">
        <Avatar initials={member.initials} />
        <div className="flex min-w-0 flex-col">
          <span className="flex min-w-0 items-center gap-2 text-sm font-medium text-ink-100">
            <span className="truncate" data-testid="member-name">
              {member.name}
            </span>
            {self && <Badge className="h-5 px-2">You</Badge>}
          </span>
          <span className="truncate text-xs text-ink-400">{member.email}</span>
        </div>
      </div>
      <div className="col-start-2 row-start-1 flex justify-end sm:col-start-4">
        {!self && mayManage(viewer, member) && (
          <Button
            size="sm"
            variant="ghost"
            className="hover:text-danger"
            onClick={() => onRemove(member)}
            aria-label={`Remove ${member.name}`}
            title={`Remove ${member.name}`}
          >
            <TrashIcon className="size-3.5" />
          </Button>
        )}
      </div>
      <div className="col-span-2 flex flex-wrap items-center gap-x-3 gap-y-2 sm:contents">
        <div className="w-28 sm:col-start-2 sm:row-start-1 sm:w-auto">
          <RoleSelect viewer={viewer} member={member} />
        </div>
        <div className="sm:col-start-3 sm:row-start-1">
          <SpendCell viewer={viewer} member={member} />
        </div>
      </div>
    </li>
  );
}

export function MemberList({ viewer, members }: { viewer: Viewer; members: MemberDTO[] }) {
  const [removing, setRemoving] = useState<MemberDTO | null>(null);
  return (
    <>
      <ul
        className="-mx-4 -mb-4 divide-y divide-ink-700/70 border-ink-700/70 border-t sm:-mx-5 sm:-mb-5"
        data-testid="member-list"
      >
        {members.map((m) => (
          <MemberRow key={m.id} viewer={viewer} member={m} onRemove={setRemoving} />
        ))}
      </ul>
      <RemoveDialog member={removing} onClose={() => setRemoving(null)} />
    </>
  );
}

export function RemovedList({ viewer, members }: { viewer: Viewer; members: MemberDTO[] }) {
  const client = useQueryClient();
  const restore = useMutation({
    mutationFn: async (m: MemberDTO) => {
      const r = await actionValue(restoreMemberAction(m.id));
      return r.member;
    },
    onSuccess: (m) => {
      void client.invalidateQueries({ queryKey: memberKeys.members });
      toast.success(`Restored ${m.name}`, { description: `They can sign in again as ${m.role}.` });
    },
    onError: failed("Could not restore"),
  });
  return (
    <ul
      className="-mx-4 -mb-4 divide-y divide-ink-700/70 border-ink-700/70 border-t sm:-mx-5 sm:-mb-5"
      data-testid="removed-list"
    >
      {members.map((m) => (
        <li key={m.id} className="flex items-center gap-3 px-4 py-3 sm:px-5">
          <Avatar initials={m.initials} className="opacity-60" />
          <div className="flex min-w-0 flex-1 flex-col">
            <span className="truncate text-sm text-ink-300">{m.name}</span>
            <span className="truncate text-xs text-ink-400">
              {m.email} · was {m.role}
            </span>
          </div>
          {mayManage(viewer, m) && (
            <Button
              size="sm"
              onClick={() => restore.mutate(m)}
              aria-disabled={restore.isPending || undefined}
              aria-label={`Restore ${m.name}`}
            >
              Restore
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
