import { usePricingStore } from '../../stores/pricing';
import { useUiStore } from '../../stores/ui';
import type { NamesInLanguage } from './rule-summary';

/** The catalog's names of what the saved rules and locks point at, in the reader's language (main sends every one). */
export function useScopeNames(): NamesInLanguage {
  const language = useUiStore((s) => s.language);
  return usePricingStore((s) => s.names?.[language]);
}
