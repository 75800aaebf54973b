"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LogoMark } from "@/components/ui/logo-mark";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { Me } from "@/lib/auth/me";
import { providerLabel } from "@/lib/client/provider-label";
import { healthQueryOptions } from "@/lib/client/queries";
import { InboxButton } from "./inbox-button";
import { MainNav } from "./main-nav";
import { ProjectSwitcher } from "./project-switcher";
import { UserMenu } from "./user-menu";

function ProviderBadge() {
  const { data, isError, isPending } = useQuery(healthQueryOptions);
  if (isPending) {
    return (
      <Badge data-testid="provider-badge" data-provider="">
        Checking…
      </Badge>
    );
  }
  if (isError || !data) {
    return (
      <Badge tone="danger" dot="static" data-testid="provider-badge" data-provider="">
        Server unreachable
      </Badge>
    );
  }
  const id = data.provider.id;
  return id === "preview" ? (
    <Badge
      tone="warn"
      dot="static"
      data-testid="provider-badge"
      data-provider={id}
      title="No FAL_KEY is set: clips are rendered locally as previews, not by the model"
    >
      {/* "engine" gives way on phones, so the theme toggle fits beside the nav at 390 px */}
      <span>
        Preview<span className="hidden sm:inline"> engine</span>
      </span>
    </Badge>
  ) : (
    <Badge
      tone="ok"
      dot="static"
      data-testid="provider-badge"
      data-provider={id}
      title={`Clips are made by ${data.provider.modelId ?? "Gemini Omni Flash"} through ${providerLabel(id)} by default`}
    >
      {id === "fal" ? "fal" : providerLabel(id)}
    </Badge>
  );
}

/**
 * The bar on every page. On the studio page the name is the page's h1; elsewhere (a clip's page has its
 * own h1) it is a plain link home. `me` (the signed-in member) adds their menu; error pages go without.
 */
export function StudioHeader({ heading = false, me }: { heading?: boolean; me?: Me }) {
  const Name = heading ? "h1" : "span";
  return (
    <header className="sticky top-0 z-20 border-ink-700/70 border-b bg-ink-950/85 backdrop-blur">
      {/* Tighter on phones: brand, nav, provider, inbox and the member's menu share 390 px. */}
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-1.5 px-3 sm:gap-3 sm:px-6 lg:px-8">
        <Link
          href="/"
          className="-m-1 flex items-center gap-2.5 rounded-lg p-1 focus-visible:outline-2 focus-visible:outline-accent-soft"
        >
          <LogoMark />
          <Name className="sr-only text-[15px] font-semibold tracking-tight text-ink-100 min-[480px]:not-sr-only">
            Omni Studio
          </Name>
        </Link>
        {me ? <ProjectSwitcher me={me} /> : null}
        <MainNav compact={!!me} />
        <span className="hidden text-sm text-ink-400 xl:inline">Gemini Omni Flash · reference to video</span>
        <div className="ml-auto flex items-center gap-1 sm:gap-2">
          <span className="hidden text-xs text-ink-400 sm:inline">Provider</span>
          <ProviderBadge />
          {/* On a phone a member's theme switch is in their menu: the header has no room for both. */}
          {me ? (
            <span className="hidden sm:contents">
              <ThemeToggle />
            </span>
          ) : (
            <ThemeToggle />
          )}
          {me ? <InboxButton /> : null}
          {me ? <UserMenu me={me} /> : null}
        </div>
      </div>
    </header>
  );
}
