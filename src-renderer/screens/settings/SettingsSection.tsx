import type { ReactNode } from 'react';

export function SettingsSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section className="card settings-section">
      <h2>{title}</h2>
      {description && <p className="muted settings-description">{description}</p>}
      {children}
    </section>
  );
}
