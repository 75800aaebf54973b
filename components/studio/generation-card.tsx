// The gallery's card moved to components/gallery/clip-card.tsx; this name stays for existing imports.
export { ClipCard as GenerationCard } from "@/components/gallery/clip-card";
