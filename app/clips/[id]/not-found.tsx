import { ServerState } from "@/app/_lib/server-state";
import { StudioHeader } from "@/components/studio/studio-header";
import { FilmIcon } from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/link-button";
import { PageMessage } from "@/components/ui/page-message";

export default function ClipNotFound() {
  return (
    <>
      <ServerState>
        <StudioHeader />
      </ServerState>
      <PageMessage
        icon={<FilmIcon />}
        title="This clip isn’t here"
        testId="clip-not-found"
        actions={
          <LinkButton href="/" variant="primary">
            Back to the gallery
          </LinkButton>
        }
      >
        <p>
          It may have been deleted, or the link is incomplete. Deleted clips can be brought back with Undo
          right after deleting; after that they are gone from the gallery.
        </p>
      </PageMessage>
    </>
  );
}
