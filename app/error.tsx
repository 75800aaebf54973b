"use client";

import { StudioHeader } from "@/components/studio/studio-header";
import { ErrorMessage } from "@/components/ui/error-message";

/**
 * Any page that throws while rendering (on the server or in the browser) shows this inside the root
 * layout, instead of Next's bare error page. Try again re-fetches and re-renders the page.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <>
      <title>Something went wrong · Omni Studio</title>
      <StudioHeader />
      <ErrorMessage error={error} onRetry={retry} />
    </>
  );
}
