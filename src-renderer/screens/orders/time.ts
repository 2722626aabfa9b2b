/** Times within an order are seconds apart: they are shown to the second, in the reader's locale. */
const locale = (language: string) => (language === 'zh-CN' ? 'zh-CN' : 'en-GB');

export function formatClock(iso: string, language: string): string {
  return new Date(iso).toLocaleTimeString(locale(language), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Day and minute, for a list where the year rarely matters and room is short. */
export function formatShort(iso: string, language: string): string {
  return new Date(iso).toLocaleString(locale(language), {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatStamp(iso: string, language: string): string {
  return new Date(iso).toLocaleString(locale(language), { dateStyle: 'medium', timeStyle: 'medium' });
}
