import type { Metadata } from "next";
import { StudioHeader } from "@/components/studio/studio-header";
import { SearchIcon } from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/link-button";
import { PageMessage } from "@/components/ui/page-message";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Any address the studio does not have (answered 404). A clip that is gone has its own page. Built once
 * as a static page, so its header asks for the provider from the browser (no ServerState: that would
 * open the studio's runtime during `next build`).
 */
export default function NotFound() {
  return (
    <>
      <StudioHeader />

      <PageMessage
        icon={<SearchIcon />}
        title="This page isn’t here"
        testId="not-found"
        actions={
          <>
            <LinkButton href="/library">Open the library</LinkButton>
            <LinkButton href="/" variant="primary">
              Back to the studio
            </LinkButton>
          </>
        }
      >
        <p>
          Nothing in the studio lives at this address. It may be mistyped, or a link from an older version of
          the studio. The composer and the gallery are on the studio’s front page; saved characters are in the
          library.
        </p>
      </PageMessage>
    </>
  );
}
