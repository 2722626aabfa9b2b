import type { AlertDocument, AlertRule } from './alert-rules';

// Alerts as the renderer's notification centre and rules editor see them: codes and parameters it words itself.

export type AlertSubject = { kind: 'plan' | 'supplier' | 'order' | 'run'; id: string };
export type AlertType = AlertRule['type'] | 'back_in_stock';

export interface StoredAlert {
  id: number;
  createdAt: string;
  ruleId: string;
  type: AlertType;
  subject: AlertSubject;
  params: Record<string, string | number>;
  deliveries: Record<string, string>;
  read: boolean;
}

export interface AlertsView {
  alerts: StoredAlert[];
  unread: number;
}

export interface AlertSettingsView {
  document: AlertDocument;
  secretsSet: Record<AlertSecretName, boolean>;
}

/** The alert channels' secrets, sealed like supplier secrets (never in the rules document, never sent to the renderer). */
export type AlertSecretName = 'webhook' | 'telegram';
export const ALERT_SECRET_NAMES: readonly AlertSecretName[] = ['webhook', 'telegram'];
