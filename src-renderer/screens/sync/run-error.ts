import { decodeCodedIssue, wordCodedText } from '../../../src-shared/coded-issue';
import { DEADLINE_PASSED, RUN_FAILED, WORKER_STOPPED } from '../../../src-shared/sync-run-errors';
import { translator } from '../../i18n/fill-template';
import { syncDictionary } from '../../i18n/sync';

type Translate = (key: string, params?: Record<string, string>) => string;

/** A failed run's error in words: the cause, what to do about it, and the technical detail (all may be absent). */
export interface RunErrorWords {
  title: string;
  fix: string | null;
  detail: string | null;
}

/**
 * A run's error in the reader's language. `@sync.failed?cause=…&detail=…` (run-failure.ts) reads as the cause a
 * connection test would name, with what to do and the error's own text (worded where it is coded) as the detail;
 * the deadline and other coded errors read as themselves; a text stored before codes, as it came. `t` is the sync
 * dictionary's (the problems dictionary spread in), in the renderer or, in English, in the CLI.
 */
export function runErrorWords(error: string | null, t: Translate): RunErrorWords | null {
  if (!error) return null;
  if (error === DEADLINE_PASSED) return { title: t('error.deadline'), fix: t('error.deadline.fix'), detail: null };
  if (error === WORKER_STOPPED) return { title: t('error.workerStopped'), fix: null, detail: null };
  const coded = decodeCodedIssue(error);
  if (coded?.code === RUN_FAILED) {
    const cause = coded.params.cause ?? 'unknown';
    const known = t(`cause.${cause}.title`) !== `cause.${cause}.title` ? cause : 'unknown';
    return {
      title: t(`cause.${known}.title`),
      fix: t(`cause.${known}.fix`),
      detail: coded.params.detail ? wordCodedText(coded.params.detail, t) : null,
    };
  }
  return { title: wordCodedText(error, t), fix: null, detail: null };
}

/** The run's error on one line: its cause (the history list, a supplier's last run). */
export function runErrorText(error: string | null, t: Translate): string | null {
  return runErrorWords(error, t)?.title ?? null;
}

/** The Sync screen's words in English, for the command line and the daemon's log. */
export const englishSync = translator(syncDictionary.en);

/** A run's error in the Sync screen's English words, on one line: the cause, what to do, and the error's own text. */
export function runErrorEn(error: string | null): string {
  const words = runErrorWords(error, englishSync);
  if (!words) return '';
  // A title that is a sentence already ends in its full stop: the fix follows it as the next sentence.
  const fix = words.fix ? `${/[.!?。]$/.test(words.title) ? ' ' : ': '}${words.fix}` : '';
  return `${words.title}${fix}${words.detail ? ` (${words.detail})` : ''}`;
}
