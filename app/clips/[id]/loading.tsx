import { StudioHeader } from "@/components/studio/studio-header";

export default function ClipLoading() {
  return (
    <>
      <StudioHeader />
      <main
        className="mx-auto flex max-w-[1400px] flex-col gap-5 px-4 py-5 sm:px-6 sm:py-6 lg:px-8"
        aria-busy="true"
        aria-label="Loading the clip"
      >
        <div className="h-5 w-20 animate-pulse rounded bg-ink-800" />
        <div className="h-7 w-2/3 animate-pulse rounded bg-ink-800" />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(320px,400px)] lg:gap-8">
          <div className="aspect-video animate-pulse rounded-card bg-ink-800" />
          <div className="flex flex-col gap-4">
            <div className="h-40 animate-pulse rounded-card bg-ink-800" />
            <div className="h-56 animate-pulse rounded-card bg-ink-800" />
          </div>
        </div>
      </main>
    </>
  );
}
