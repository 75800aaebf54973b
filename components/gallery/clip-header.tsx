"use client";

import Link from "next/link";
import { ProviderBadge, StatusBadge } from "@/components/studio/status-badge";
import { Avatar } from "@/components/ui/avatar";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { ShortcutsButton } from "@/components/ui/shortcuts-overlay";
import { galleryHref } from "@/lib/client/clip-nav";
import type { ClipNeighbors, GenerationDTO } from "@/lib/generations/dto";
import { CharacterBadges } from "./character-badges";
import { ClipLineage } from "./clip-lineage";
import { clipTitle } from "./clip-meta";
import { ClipPager } from "./clip-pager";
import { IdentityBadge } from "./identity-badge";
import { PresenceBar } from "./presence-bar";
import { TakeSwitcher } from "./take-switcher";
import { TierBadge } from "./tier-badge";

/**
 * The top of a clip's page: back to the gallery view it came from (named when filtered), who else is
 * looking, Previous and Next in that view, the shortcuts; then the title, badges, the take switcher and
 * the clip's lineage.
 */
export function ClipHeader({
  g,
  meId,
  from,
  view,
  neighbors,
  neighborsFailed,
  onShortcuts,
}: {
  g: GenerationDTO;
  meId?: string;
  /** The gallery view as its query string ("" for every clip), and in words. */
  from: string;
  view: string | null;
  neighbors: ClipNeighbors | undefined;
  neighborsFailed: boolean;
  onShortcuts: () => void;
}) {
  return (
    <>
      <div className="flex min-h-8 flex-wrap items-center gap-x-3 gap-y-2">
        <nav aria-label="Breadcrumb" className="flex min-w-0 flex-1 items-center gap-2 text-sm">
          <Link
            href={galleryHref(from)}
            className="inline-flex shrink-0 items-center gap-1.5 rounded-md text-ink-300 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
          >
            <ArrowLeftIcon className="size-4" />
            Gallery
          </Link>
          {view && (
            <span
              className="min-w-0 truncate text-ink-400"
              data-testid="clip-view"
              title={`Filtered: ${view}`}
            >
              <span aria-hidden>· </span>
              <span className="sr-only">filtered: </span>
              {view}
            </span>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <PresenceBar generationId={g.id} meId={meId} />
          <ClipPager neighbors={neighbors} failed={neighborsFailed} from={from} />
          <ShortcutsButton onClick={onShortcuts} className="px-2 sm:px-2.5" />
        </div>
      </div>
      <div className="flex flex-col gap-2.5">
        <h1 className="line-clamp-2 max-w-4xl text-lg font-semibold leading-7 text-ink-100 sm:text-xl">
          {clipTitle(g, 120)}
        </h1>
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={g.status} />
          <ProviderBadge g={g} />
          <TierBadge g={g} className="h-6" />
          <IdentityBadge g={g} className="h-6" />
          <CharacterBadges characters={g.characters} max={4} />
          {g.takeGroupId && g.takeCount > 1 && <TakeSwitcher g={g} from={from} />}
          {g.createdBy && (
            <span
              className="inline-flex items-center gap-1.5 text-sm text-ink-300"
              data-testid="clip-creator"
            >
              <Avatar initials={g.createdBy.initials} colorKey={g.createdBy.id} size="xs" />
              <span>
                made by <span className="font-medium text-ink-100">{g.createdBy.name}</span>
              </span>
            </span>
          )}
        </div>
        <ClipLineage g={g} />
      </div>
    </>
  );
}
