"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Avatar, ConfirmDialog, ROLE_CAN, ROLE_LABEL, Section } from "@/components/members/parts";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ApiTokenDTO, MeDTO } from "@/lib/accounts/dto";
import { formatUsd } from "@/lib/client/format";
import { PasswordForm } from "./password-form";
import { TokensPanel } from "./tokens-panel";

function SignOutEverywhere() {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  async function run() {
    setPending(true);
    try {
      const res = await fetch("/api/auth/revoke-sessions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      window.location.assign("/login");
    } catch (e) {
      setPending(false);
      setOpen(false);
      toast.error("Could not sign out everywhere", { description: (e as Error).message });
    }
  }
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Sign out everywhere
      </Button>
      <ConfirmDialog
        open={open}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        pending={pending}
        onConfirm={run}
        onClose={() => setOpen(false)}
        testId="sign-out-everywhere-dialog"
      >
        <p>Every session of your account ends now, this one included: each browser has to sign in again.</p>
        <p>Personal API tokens keep working until you revoke them below.</p>
      </ConfirmDialog>
    </>
  );
}

function SpendLine({ me }: { me: MeDTO }) {
  const { member, team } = me.spend;
  if (!me.can.generate || (!member && !team)) return null;
  return (
    <p className="text-sm text-ink-300 tabular-nums" data-testid="my-spend">
      {member
        ? `Your daily spend cap: ${formatUsd(member.capUsd)}, ${formatUsd(member.leftUsd)} left today.`
        : null}
      {member && team ? " " : null}
      {team ? `Team cap: ${formatUsd(team.leftUsd)} of ${formatUsd(team.capUsd)} left today.` : null}
    </p>
  );
}

/** The signed-in member's own page: who they are, password, sessions, personal API tokens. */
export function AccountView({
  me,
  tokens,
  origin,
  minPassword,
}: {
  me: MeDTO;
  tokens: ApiTokenDTO[];
  origin: string;
  minPassword: number;
}) {
  return (
    <main className="mx-auto flex max-w-[900px] flex-col gap-5 px-4 py-5 sm:px-6 sm:py-6 lg:px-8">
      <h1 className="text-xl font-semibold text-ink-100">Your account</h1>
      <Section id="profile" title="Profile">
        <div className="flex items-center gap-4">
          <Avatar initials={me.initials} className="size-12 text-sm" />
          <div className="flex min-w-0 flex-col gap-0.5">
            <span className="flex items-center gap-2">
              <span className="truncate text-base font-medium text-ink-100" data-testid="account-name">
                {me.name}
              </span>
              <Badge tone="accent" data-testid="account-role">
                {ROLE_LABEL[me.role]}
              </Badge>
            </span>
            <span className="truncate text-sm text-ink-400">{me.email}</span>
          </div>
        </div>
        <p className="text-sm text-ink-300">
          {ROLE_CAN[me.role]}{" "}
          {me.role !== "owner" && (
            <span className="text-ink-400">
              To change your name or role, ask the studio's owner or an admin.
            </span>
          )}
        </p>
        <SpendLine me={me} />
      </Section>
      <Section id="password" title="Password">
        <PasswordForm email={me.email} minLength={minPassword} />
      </Section>
      <Section
        id="sessions"
        title="Sessions"
        description="Lost a laptop, or signed in on a shared computer? End every session of your account at once."
      >
        <div>
          <SignOutEverywhere />
        </div>
      </Section>
      <TokensPanel origin={origin} initial={tokens} />
    </main>
  );
}
