export default function StudioPage() {
  return <main className="p-8">Omni Studio</main>;
}
