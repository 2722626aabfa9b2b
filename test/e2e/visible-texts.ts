import type { Page } from 'playwright-core';
import type { VisibleText } from '../helpers/latin-words';

/**
 * Every visible text node (and placeholder) on the page, with where it is. Text marked translate="no" is data, and
 * text marked with another language (the language switch's "English") is meant to be in it.
 */
export async function visibleTexts(page: Page, step: string): Promise<VisibleText[]> {
  return page.evaluate((step) => {
    const whereOf = (element: Element) => {
      const region = element.closest('[role=dialog], aside, article, section, .card, nav, main');
      const label = region
        ? (region.getAttribute('aria-label') ?? region.querySelector('h1, h2, h3')?.textContent ?? region.className)
        : '';
      const classes =
        typeof element.className === 'string' && element.className.trim()
          ? `.${element.className.trim().split(/\s+/).join('.')}`
          : '';
      return `${step} › ${(label ?? '').trim().slice(0, 40)} › ${element.tagName.toLowerCase()}${classes}`;
    };
    const texts: Array<{ text: string; where: string }> = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      const element = node.parentElement;
      if (!text || !element || element.closest('[translate="no"], script, style, title, noscript')) continue;
      if (!element.closest('[lang]')?.getAttribute('lang')?.startsWith('zh')) continue;
      // A select's options show when it opens: they count while the select is visible.
      const shown = element.tagName === 'OPTION' ? element.closest('select') : element;
      if (!shown?.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      texts.push({ text, where: whereOf(element) });
    }
    for (const input of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      'input[placeholder], textarea[placeholder]',
    )) {
      if (input.placeholder.trim() && input.checkVisibility() && !input.closest('[translate="no"]'))
        texts.push({ text: input.placeholder, where: `${whereOf(input)}[placeholder]` });
    }
    return texts;
  }, step);
}
