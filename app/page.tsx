import { Suspense } from "react";
import { Composer } from "@/components/studio/composer";
import { GallerySkeleton, History } from "@/components/studio/history";
import { StudioHeader } from "@/components/studio/studio-header";

export default function StudioPage() {
  return (
    <>
      <StudioHeader heading />
      <main className="mx-auto grid max-w-[1600px] items-start gap-6 px-4 py-5 sm:px-6 sm:py-6 lg:grid-cols-[minmax(380px,440px)_minmax(0,1fr)] lg:gap-8 lg:px-8">
        <div className="lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6.5rem)] lg:overflow-y-auto lg:overscroll-contain lg:rounded-card [scrollbar-width:thin]">
          <Composer />
        </div>
        {/* The gallery reads its filter from the URL; Suspense lets the rest of the page prerender. */}
        <Suspense fallback={<GallerySkeleton />}>
          <History />
        </Suspense>
      </main>
    </>
  );
}
