import { StudioHeader } from "@/components/studio/studio-header";
import { FilmIcon } from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/link-button";

export default function ClipNotFound() {
  return (
    <>
      <StudioHeader />
      <main
        className="mx-auto flex max-w-xl flex-col items-center gap-4 px-6 py-20 text-center"
        data-testid="clip-not-found"
      >
        <span className="flex size-14 items-center justify-center rounded-full bg-ink-800 text-ink-300">
          <FilmIcon className="size-7" />
        </span>
        <h1 className="text-xl font-semibold text-ink-100">This clip isn’t here</h1>
        <p className="text-sm leading-6 text-ink-400">
          It may have been deleted, or the link is incomplete. Deleted clips can be brought back with Undo
          right after deleting; after that they are gone from the gallery.
        </p>
        <LinkButton href="/" variant="primary">
          Back to the gallery
        </LinkButton>
      </main>
    </>
  );
}
