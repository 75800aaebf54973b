"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { createTokenAction, revokeTokenAction } from "@/app/(account)/actions";
import { CommandBlock, ConfirmDialog, fieldClass, OnceValue, Section } from "@/components/members/parts";
import { Button } from "@/components/ui/button";
import { CheckIcon, PlusIcon, XIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { Spinner } from "@/components/ui/spinner";
import type { ApiTokenDTO } from "@/lib/accounts/dto";
import { MAX_TOKEN_NAME } from "@/lib/accounts/schema";
import { actionValue } from "@/lib/client/action";
import { memberKeys, tokensQueryOptions } from "@/lib/client/members";

function NewToken({ onCreated }: { onCreated: (c: { token: string; apiToken: ApiTokenDTO }) => void }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () => {
      const r = await createTokenAction({ name });
      if (!r.ok) throw new Error(r.error.fields?.name ?? r.error.message);
      return r;
    },
    onSuccess: (r) => {
      setName("");
      void client.invalidateQueries({ queryKey: memberKeys.tokens });
      onCreated({ token: r.token, apiToken: r.apiToken });
    },
    onError: (e) => setError(e.message),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    if (!name.trim()) return setError('Name the token after what will use it, e.g. "render script".');
    setError(null);
    create.mutate();
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-1.5" data-testid="token-form">
      <label htmlFor="token-name" className="text-xs font-medium text-ink-300">
        New token name
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="token-name"
          name="name"
          autoComplete="off"
          placeholder="e.g. render script"
          maxLength={MAX_TOKEN_NAME}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "token-name-error" : undefined}
          className={`${fieldClass} sm:max-w-xs`}
        />
        <Button type="submit" variant="primary" aria-disabled={create.isPending || undefined}>
          {create.isPending ? <Spinner className="size-3.5" /> : <PlusIcon className="size-3.5" />}
          Create token
        </Button>
      </div>
      {error && (
        <p id="token-name-error" role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </form>
  );
}

function CreatedToken({
  token,
  name,
  origin,
  onDone,
}: {
  token: string;
  name: string;
  origin: string;
  onDone: () => void;
}) {
  const curl = `curl -H "Authorization: Bearer ${token}" ${origin}/api/generations`;
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-accent/40 bg-accent/10 p-4"
      data-testid="token-created"
      role="status"
    >
      <div className="flex items-start justify-between gap-3">
        <p className="text-sm text-ink-100">
          <CheckIcon className="mr-1.5 inline size-4 text-ok" />
          Token <strong>{name}</strong> made. Copy it now: it is not shown again.
        </p>
        <Button size="sm" variant="ghost" onClick={onDone} aria-label="Hide the token">
          <XIcon className="size-3.5" />
        </Button>
      </div>
      <OnceValue value={token} label="Token" testId="token-value" />
      <p className="text-xs text-ink-300">Try it:</p>
      <CommandBlock value={curl} label="Example command" testId="token-curl" />
    </div>
  );
}

function TokenRow({ t, onRevoke }: { t: ApiTokenDTO; onRevoke: (t: ApiTokenDTO) => void }) {
  return (
    <li className="flex items-center gap-3 px-4 py-3 sm:px-5" data-testid="token-row">
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <span className="truncate text-sm font-medium text-ink-100">{t.name}</span>
        <span className="flex flex-wrap gap-x-1.5 text-xs text-ink-400">
          <code className="font-mono text-ink-300">{t.prefix}…</code>
          <span aria-hidden>·</span>
          <span>
            made <LocalTime iso={t.createdAt} />
          </span>
          <span aria-hidden>·</span>
          <span>
            {t.lastUsedAt ? (
              <>
                used <LocalTime iso={t.lastUsedAt} />
              </>
            ) : (
              "never used"
            )}
          </span>
        </span>
      </div>
      <Button
        size="sm"
        variant="ghost"
        className="hover:text-danger"
        onClick={() => onRevoke(t)}
        aria-label={`Revoke ${t.name}`}
      >
        Revoke
      </Button>
    </li>
  );
}

/** The revoke dialog, one for the list: asks, then revokes. */
function RevokeDialog({ token, onClose }: { token: ApiTokenDTO | null; onClose: () => void }) {
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: async (t: ApiTokenDTO) => {
      await actionValue(revokeTokenAction(t.id));
      return t;
    },
    onSuccess: (t) => {
      onClose();
      void client.invalidateQueries({ queryKey: memberKeys.tokens });
      toast(`Revoked ${t.name}`, { description: "Scripts using it are refused from now on." });
    },
    onError: (e) => {
      onClose();
      toast.error("Could not revoke", { description: e.message });
    },
  });
  return (
    <ConfirmDialog
      open={token !== null}
      title={token ? `Revoke ${token.name}?` : ""}
      confirmLabel="Revoke"
      pending={revoke.isPending}
      onConfirm={() => token && revoke.mutate(token)}
      onClose={onClose}
      testId="revoke-token-dialog"
    >
      <p>
        Scripts that send this token are refused from their next request. This cannot be undone: make a new
        token instead.
      </p>
    </ConfirmDialog>
  );
}

/** Personal API tokens: made with a name, shown once, listed by prefix, revocable. */
export function TokensPanel({ origin, initial }: { origin: string; initial: ApiTokenDTO[] }) {
  const { data } = useQuery({ ...tokensQueryOptions, initialData: initial });
  const [created, setCreated] = useState<{ token: string; apiToken: ApiTokenDTO } | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenDTO | null>(null);
  return (
    <Section
      id="tokens"
      title="Personal API tokens"
      description={
        <>
          For scripts: send one as{" "}
          <code className="font-mono text-ink-300">Authorization: Bearer &lt;token&gt;</code>. It acts as you,
          with your role as it is at each request. Only a hash is kept.
        </>
      }
    >
      <NewToken onCreated={setCreated} />
      {created && (
        <CreatedToken
          token={created.token}
          name={created.apiToken.name}
          origin={origin}
          onDone={() => setCreated(null)}
        />
      )}
      {data.length === 0 ? (
        <p className="text-sm text-ink-400">No tokens yet.</p>
      ) : (
        <ul
          className="-mx-4 -mb-4 divide-y divide-ink-700/70 border-ink-700/70 border-t sm:-mx-5 sm:-mb-5"
          data-testid="token-list"
        >
          {data.map((t) => (
            <TokenRow key={t.id} t={t} onRevoke={setRevoking} />
          ))}
        </ul>
      )}
      <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />
    </Section>
  );
}
