/** The languages the app speaks: the renderer's dictionaries, and the alert texts main sends out in them. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
