/* eslint-disable @next/next/no-img-element -- logos come from Composio's catalog host, which next/image would need allow-listed per deployment; they are 40 px and lazy. */
/** Decorative: the toolkit's name is always next to it. */
export function ToolkitLogo({ src }: { src: string | null }) {
  if (!src) return <div aria-hidden="true" className="size-10 shrink-0 rounded-md bg-muted" />;
  return (
    <img
      src={src}
      alt=""
      width={40}
      height={40}
      loading="lazy"
      decoding="async"
      className="size-10 shrink-0 rounded-md"
    />
  );
}
