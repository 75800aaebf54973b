import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { UserIcon } from "@/components/ui/icons";
import type { GenerationDTO } from "@/lib/generations/dto";

/**
 * The characters a clip belongs to (it used one of their images or their video, made before or after the
 * character was saved): a chip each, linking to the gallery filtered to that character's clips. Past
 * `max`, "+N" names the rest in its tooltip.
 */
export function CharacterBadges({
  characters,
  max = 1,
  className,
}: {
  characters: GenerationDTO["characters"];
  max?: number;
  className?: string;
}) {
  if (characters.length === 0) return null;
  const shown = characters.slice(0, max);
  const rest = characters.slice(max);
  return (
    <span className={cn("flex min-w-0 items-center gap-1", className)} data-testid="character-badges">
      {shown.map((c) => (
        <Link
          key={c.id}
          href={`/?character=${encodeURIComponent(c.id)}`}
          title={`Made with the character ${c.name}: show every clip using it`}
          data-testid="character-badge"
          className="inline-flex h-5 min-w-0 max-w-36 items-center gap-1 rounded-full border border-ink-600 bg-ink-900 px-2 text-[11px] text-ink-200 hover:border-accent-soft hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
        >
          <UserIcon className="size-3 shrink-0" />
          <span className="truncate">{c.name}</span>
          <span className="sr-only">: clips using this character</span>
        </Link>
      ))}
      {rest.length > 0 && (
        <span className="text-[11px] text-ink-400" title={rest.map((c) => c.name).join(", ")}>
          +{rest.length}
        </span>
      )}
    </span>
  );
}
