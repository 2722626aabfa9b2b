/** Drawn rather than an emoji: emoji fonts differ per OS and some Linux desktops have none. */
export function LockIcon({ label }: { label: string }) {
  return (
    <svg className="lock-icon" viewBox="0 0 12 12" width="11" height="11" role="img" aria-label={label}>
      <title>{label}</title>
      <path d="M3.5 5V3.8a2.5 2.5 0 0 1 5 0V5" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <rect x="2" y="5" width="8" height="6" rx="1.3" fill="currentColor" />
    </svg>
  );
}
